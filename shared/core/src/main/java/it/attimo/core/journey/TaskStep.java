package it.attimo.core.journey;

import static it.attimo.core.journey.StepFields.required;

/** {@code task}: open an account-manager task for the customer, for {@code reason}. */
public record TaskStep(String customerId, String reason, String executionName) implements JourneyStep {
    public TaskStep {
        required(customerId, "customerId");
        required(reason, "reason");
        required(executionName, "executionId");
    }

    @Override
    public String action() {
        return "task";
    }
}
