package it.attimo.core.journey;

import java.time.Instant;
import java.util.List;

/**
 * {@code evaluate}: the closing outcome of a journey (finished: every required milestone reached since {@code since};
 * and the customer's tier), recorded as its completion with {@code status}. The required milestones are the
 * journey's own (journeys.json) unless the step carries an explicit {@code required} list.
 */
public record EvaluateStep(
        String customerId, String journey, String executionName, List<String> required, Instant since, String status)
        implements JourneyStep {
    public EvaluateStep {
        StepFields.required(customerId, "customerId");
        StepFields.required(journey, "journey");
        StepFields.required(executionName, "executionId");
        required = required == null ? List.of() : List.copyOf(required);
    }

    @Override
    public String action() {
        return "evaluate";
    }
}
