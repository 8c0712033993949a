package it.attimo.core.testing;

import it.attimo.core.journey.ParkedWait;
import it.attimo.core.port.WaitRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parked task tokens keyed by customer and wait id (eventType#execution#step); parking again replaces. */
public final class InMemoryWaitRegistry implements WaitRegistry {
    private final Map<String, ParkedWait> waits = new LinkedHashMap<>();

    private static String key(ParkedWait w) {
        return w.customerId() + "#" + w.waitId();
    }

    @Override
    public synchronized void park(ParkedWait wait) {
        waits.put(key(wait), wait);
    }

    @Override
    public synchronized List<ParkedWait> waitingFor(String customerId, String eventType) {
        return waits.values().stream()
                .filter(w -> w.customerId().equals(customerId) && w.eventType().equals(eventType))
                .toList();
    }

    @Override
    public synchronized List<ParkedWait> forCustomer(String customerId) {
        return waits.values().stream()
                .filter(w -> w.customerId().equals(customerId))
                .toList();
    }

    @Override
    public synchronized void remove(ParkedWait wait) {
        waits.remove(key(wait));
    }

    @Override
    public synchronized void erase(String customerId) {
        waits.values().removeIf(w -> w.customerId().equals(customerId));
    }

    public synchronized List<ParkedWait> all() {
        return new ArrayList<>(waits.values());
    }
}
