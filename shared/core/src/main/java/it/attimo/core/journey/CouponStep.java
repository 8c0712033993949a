package it.attimo.core.journey;

import static it.attimo.core.journey.StepFields.required;

/** {@code coupon}: issue a single-use coupon for the step of this execution (once: a retry gets the same code). */
public record CouponStep(String customerId, String executionName, String step, String orderId, String reason)
        implements JourneyStep {
    public CouponStep {
        required(customerId, "customerId");
        required(executionName, "executionId");
        required(step, "step");
    }

    @Override
    public String action() {
        return "coupon";
    }
}
