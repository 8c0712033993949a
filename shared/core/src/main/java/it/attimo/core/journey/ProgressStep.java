package it.attimo.core.journey;

import java.time.Instant;
import java.util.List;

/**
 * {@code progress}: which required milestones (wake keys) of {@code journey} the customer has not reached since
 * {@code since}. The milestones are the journey's own (journeys.json); an explicit {@code required} list, as state
 * machines deployed before that carried it, is still honoured.
 */
public record ProgressStep(String customerId, String journey, List<String> required, Instant since)
        implements JourneyStep {
    public ProgressStep {
        StepFields.required(customerId, "customerId");
        required = required == null ? List.of() : List.copyOf(required);
        if (required.isEmpty() && (journey == null || journey.isBlank()))
            throw new IllegalArgumentException("progress needs the journey (or required: [wake keys])");
    }

    @Override
    public String action() {
        return "progress";
    }
}
