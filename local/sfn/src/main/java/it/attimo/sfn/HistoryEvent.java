package it.attimo.sfn;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One entry of an execution's history, e.g. {@code TaskStateEntered} (with input), {@code TaskScheduled},
 * {@code TaskSucceeded}, {@code TaskStateExited} (with output), {@code ExecutionSucceeded}.
 *
 * @param id 1-based position in the history
 * @param type event type, named as in Step Functions' GetExecutionHistory
 * @param timestamp the executor's clock when the event happened
 * @param stateName the state concerned, or null for execution-level events
 * @param details event-specific JSON: {@code input}, {@code output}, {@code error}, {@code cause}, {@code resource}...
 */
public record HistoryEvent(long id, String type, Instant timestamp, String stateName, JsonNode details) {
    public HistoryEvent {
        details = details == null ? Json.object() : details;
    }

    /** Convenience: is this a state entered/exited event ({@code PassStateEntered}, {@code TaskStateExited}...)? */
    @JsonIgnore
    public boolean isStateEntered() {
        return type.endsWith("StateEntered");
    }

    @JsonIgnore
    public boolean isStateExited() {
        return type.endsWith("StateExited");
    }

    static HistoryEvent of(long id, String type, Instant timestamp, String stateName, JsonNode details) {
        return new HistoryEvent(id, type, timestamp, stateName, details);
    }
}
