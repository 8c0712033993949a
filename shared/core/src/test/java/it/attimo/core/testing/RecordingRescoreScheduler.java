package it.attimo.core.testing;

import it.attimo.core.port.RescoreScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

public final class RecordingRescoreScheduler implements RescoreScheduler {
    public record Rescore(String customerId, Instant at) {}

    private final List<Rescore> requests = new ArrayList<>();

    @Override
    public synchronized void rescoreAt(String customerId, Instant at) {
        requests.add(new Rescore(customerId, at));
    }

    public synchronized List<Rescore> requests() {
        return List.copyOf(requests);
    }
}
