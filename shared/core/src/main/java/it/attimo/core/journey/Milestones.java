package it.attimo.core.journey;

import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which of a journey's milestones (wake keys such as {@code form.completed:profile}, from journeys.json) a customer
 * has not reached yet.
 */
public final class Milestones {
    private Milestones() {}

    /** The required keys with no matching event at or after {@code since} (null: any time), in the order given. */
    public static List<String> missing(Collection<CustomerEvent> history, List<String> required, Instant since) {
        return required.stream()
                .filter(key ->
                        WakeKeys.firstMatch(history, Set.of(key), since, null).isEmpty())
                .toList();
    }
}
