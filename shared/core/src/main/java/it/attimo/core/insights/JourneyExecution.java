package it.attimo.core.insights;

import java.time.Instant;
import java.util.List;

/**
 * One journey execution as the runtime reports it: ids only (the customer id comes from the execution's input), its
 * status and the states it entered and exited, in history order (states of Parallel branches included), and the
 * output of the last state it exited (its {@code steps}: what each plan decided and why), null when none.
 */
public record JourneyExecution(
        String journey,
        String executionName,
        String customerId,
        Status status,
        Instant startedAt,
        Instant stoppedAt,
        List<StateEvent> events,
        String lastOutput) {

    /** Step Functions' execution statuses. */
    public enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
        ABORTED;

        /** A Step Functions status name; an unknown one (e.g. PENDING_REDRIVE) reads as RUNNING. */
        public static Status of(String name) {
            for (Status s : values()) if (s.name().equals(name)) return s;
            return RUNNING;
        }

        public boolean failed() {
            return this == FAILED || this == TIMED_OUT;
        }
    }

    /** A state entered ({@code entered} true) or exited, at an instant. */
    public record StateEvent(String state, boolean entered, Instant at) {}

    public JourneyExecution {
        events = List.copyOf(events);
    }

    /** Without a last output (the journey map does not need it). */
    public JourneyExecution(
            String journey,
            String executionName,
            String customerId,
            Status status,
            Instant startedAt,
            Instant stoppedAt,
            List<StateEvent> events) {
        this(journey, executionName, customerId, status, startedAt, stoppedAt, events, null);
    }
}
