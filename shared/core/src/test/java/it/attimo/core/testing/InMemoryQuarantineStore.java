package it.attimo.core.testing;

import it.attimo.core.ingest.QuarantinedEvent;
import it.attimo.core.port.QuarantineStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class InMemoryQuarantineStore implements QuarantineStore {
    private final List<QuarantinedEvent> kept = new ArrayList<>();

    @Override
    public synchronized void keep(QuarantinedEvent event) {
        kept.add(event);
    }

    /** Newest first. */
    @Override
    public synchronized List<QuarantinedEvent> recent(int limit) {
        List<QuarantinedEvent> out = new ArrayList<>(kept);
        java.util.Collections.reverse(out);
        return out.subList(0, Math.min(limit, out.size()));
    }

    public synchronized List<QuarantinedEvent> all() {
        return List.copyOf(kept);
    }

    public synchronized Optional<QuarantinedEvent> byId(String quarantineId) {
        return kept.stream().filter(q -> q.quarantineId().equals(quarantineId)).findFirst();
    }
}
