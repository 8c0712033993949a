package it.attimo.core.journey;

import static it.attimo.core.journey.StepFields.required;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code park}: wait for one of {@code eventTypes} (wake keys) with the task token; resumed at once if one already
 * happened after {@code after} (within {@code timeoutSeconds}, when given) or a tier is already reached.
 */
public record ParkStep(
        String customerId,
        String taskToken,
        String executionName,
        String step,
        List<String> eventTypes,
        Instant after,
        Long timeoutSeconds)
        implements JourneyStep {
    /** How long a wait is kept when the payload gives no timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofDays(7);

    public ParkStep {
        required(customerId, "customerId");
        required(taskToken, "taskToken");
        required(executionName, "executionId");
        step = step == null ? "wait" : step;
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        if (eventTypes.isEmpty()) throw new IllegalArgumentException("park needs eventType or eventTypes");
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
