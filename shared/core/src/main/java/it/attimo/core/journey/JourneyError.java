package it.attimo.core.journey;

/**
 * The failures a journey step reports to its state machine, by the error name the ASL's Retry and Catch match on
 * (Step Functions' convention: a named error, not a class name). The journey function throws an error of this name.
 */
public enum JourneyError {
    /** May pass (store throttled, provider unavailable): the state machines retry it. */
    TRANSIENT("Attimo.Transient"),
    /** The payload can never succeed (missing field, unknown action): never retried. */
    REJECTED("Attimo.Rejected");

    private final String errorName;

    JourneyError(String errorName) {
        this.errorName = errorName;
    }

    /** The name ErrorEquals matches in the state machines. */
    public String errorName() {
        return errorName;
    }

    /** {@link #REJECTED} for an {@link IllegalArgumentException}, {@link #TRANSIENT} for any other failure. */
    public static JourneyError of(RuntimeException failure) {
        return failure instanceof IllegalArgumentException ? REJECTED : TRANSIENT;
    }
}
