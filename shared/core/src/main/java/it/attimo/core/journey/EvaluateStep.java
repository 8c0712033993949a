package it.attimo.core.journey;

import java.time.Instant;
import java.util.List;

/**
 * {@code evaluate}: the closing outcome of a journey (finished: every {@code required} milestone reached since
 * {@code since}; and the customer's tier), recorded as its completion with {@code status}.
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
