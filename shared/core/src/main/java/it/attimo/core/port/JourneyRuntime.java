package it.attimo.core.port;

/** Runs journey state machines (AWS Step Functions, or the local executor). Inputs carry ids only. */
public interface JourneyRuntime {
    /**
     * Starts {@code journey} idempotently: a second start with the same execution name and input is a no-op.
     *
     * @return true if this call started it, false if it already existed
     */
    boolean start(String journey, String executionName, String inputJson);

    /** Resumes a task waiting on {@code taskToken}; a token that is already closed is ignored (returns false). */
    boolean resume(String taskToken, String outputJson);

    boolean fail(String taskToken, String error, String cause);

    /** Stops a running execution (e.g. on erasure); unknown or finished executions are ignored. */
    void stop(String journey, String executionName, String cause);

    /** Whether this runtime has a state machine for {@code journey} (journeys not deployed are not started). */
    default boolean supports(String journey) {
        return true;
    }
}
