package it.attimo.core.journey;

import static it.attimo.core.journey.StepFields.required;

/**
 * {@code complete}: record the end of a journey on the profile with {@code status}; with an {@code outcome}, also
 * the journey's outcome (then {@code journey} is required).
 */
public record CompleteStep(String customerId, String executionName, String status, String journey, String outcome)
        implements JourneyStep {
    public CompleteStep {
        required(customerId, "customerId");
        required(executionName, "executionId");
        status = status == null ? "SUCCEEDED" : status;
        if (outcome != null) required(journey, "journey");
    }

    @Override
    public String action() {
        return "complete";
    }
}
