package it.attimo.core.journey;

import java.time.Instant;
import java.util.List;

/** {@code progress}: which of the {@code required} milestones (wake keys) the customer has not reached since then. */
public record ProgressStep(String customerId, List<String> required, Instant since) implements JourneyStep {
    public ProgressStep {
        StepFields.required(customerId, "customerId");
        required = required == null ? List.of() : List.copyOf(required);
        if (required.isEmpty()) throw new IllegalArgumentException("progress needs required: [wake keys]");
    }

    @Override
    public String action() {
        return "progress";
    }
}
