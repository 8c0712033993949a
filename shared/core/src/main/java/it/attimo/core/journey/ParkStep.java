package it.attimo.core.journey;

import static it.attimo.core.journey.StepFields.required;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code park}: wait for one of {@code eventTypes} (wake keys) with the task token; resumed at once if one already
 * happened after {@code after} (within {@code timeoutSeconds}, when given) or a tier is already reached.
 *
 * <p>With {@code milestonesOf} (a journey of journeys.json) instead of {@code eventTypes}, a milestone watch: it waits
 * for the required milestones not reached since {@code after}, and when none is left fails the task with
 * {@code finishedError} (one of the definition's own errors, {@code Attimo.*}), which stops the journey's other
 * branches the way a Fail state would. Each milestone reached wakes it once, and the state machine parks it again:
 * one state per wake-up instead of progress, a Choice and a park.
 */
public record ParkStep(
        String customerId,
        String taskToken,
        String executionName,
        String step,
        List<String> eventTypes,
        Instant after,
        Long timeoutSeconds,
        String milestonesOf,
        String finishedError)
        implements JourneyStep {
    /** How long a wait is kept when the payload gives no timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofDays(7);

    public ParkStep {
        required(customerId, "customerId");
        required(taskToken, "taskToken");
        required(executionName, "executionId");
        step = step == null ? "wait" : step;
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        if (milestonesOf != null) {
            if (!eventTypes.isEmpty())
                throw new IllegalArgumentException("park takes eventTypes or milestonesOf, not both");
            if (finishedError == null || !finishedError.matches("Attimo\\.[A-Za-z]+"))
                throw new IllegalArgumentException(
                        "park with milestonesOf needs finishedError, an error of the journey's own (Attimo.Name)");
        } else if (eventTypes.isEmpty()) {
            throw new IllegalArgumentException("park needs eventType or eventTypes");
        }
    }

    /** A wait for one of {@code eventTypes}. */
    public ParkStep(
            String customerId,
            String taskToken,
            String executionName,
            String step,
            List<String> eventTypes,
            Instant after,
            Long timeoutSeconds) {
        this(customerId, taskToken, executionName, step, eventTypes, after, timeoutSeconds, null, null);
    }

    /** The given timeout, else {@link #DEFAULT_TIMEOUT}. */
    public long timeoutOrDefault() {
        return timeoutSeconds == null ? DEFAULT_TIMEOUT.toSeconds() : timeoutSeconds;
    }

    @Override
    public String action() {
        return "park";
    }
}
