package it.attimo.core.experiment;

import it.attimo.core.event.CustomerEvent;
import it.attimo.core.scoring.FieldConditions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What counts as a conversion: any of {@link #events} (an event type and conditions on its data, in the scoring plans'
 * condition language) happening within {@link #within} after the experimental message was sent.
 */
public record ExperimentMetric(String name, List<MetricEvent> events, Duration within) {
    public ExperimentMetric {
        events = List.copyOf(events);
    }

    /** One kind of event that converts; {@code definition} is the JSON as declared, echoed by the API. */
    public record MetricEvent(String type, FieldConditions where, Map<String, Object> definition) {
        public boolean matches(CustomerEvent e) {
            return type.equals(e.type()) && where.test(e.data());
        }
    }

    public boolean converts(CustomerEvent e) {
        for (MetricEvent m : events) {
            if (m.matches(e)) return true;
        }
        return false;
    }

    /** Whether {@code e} converts a customer whose message went at {@code sentAt}: a metric event in the window. */
    public boolean convertsAfter(CustomerEvent e, Instant sentAt) {
        return !e.time().isBefore(sentAt) && !e.time().isAfter(sentAt.plus(within)) && converts(e);
    }
}
