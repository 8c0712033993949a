package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Everything about one execution, persisted as one JSON document (the {@link ExecutionSnapshot}). */
final class ExecutionRecord {
    public String arn;
    public String stateMachineArn;
    public String name;
    /** The definition this execution runs, frozen at start (as in AWS, later updates do not affect it). */
    public String definition;

    public JsonNode input;
    public ExecutionStatus status;
    public JsonNode output;
    public String error;
    public String cause;
    public Instant startDate;
    public Instant stopDate;
    public Instant timeoutAt;
    public int nextFrameId;
    public int tokenSequence;
    public TreeMap<Integer, Frame> frames = new TreeMap<>();
    /** Invocations so far per Task state name (mock responses are picked by this count). */
    public TreeMap<String, Integer> invocations = new TreeMap<>();

    public List<HistoryEvent> history = new ArrayList<>();

    /**
     * Not before this instant can the execution step (its earliest timer, {@link Instant#MAX} for none), as a drain
     * found it; null when unknown. Only a drain sets it; every step and every callback (token, heartbeat, stop) clears
     * it, so a drain skips an execution parked on a wait without looking at its frames. Never stored.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    transient Instant quietUntil;

    static ExecutionRecord fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, ExecutionRecord.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable execution snapshot: " + e.getMessage(), e);
        }
    }

    String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    ExecutionDescription describe() {
        return new ExecutionDescription(
                arn,
                stateMachineArn,
                name,
                status,
                input,
                java.util.Optional.ofNullable(status == ExecutionStatus.SUCCEEDED ? output : null),
                java.util.Optional.ofNullable(error),
                java.util.Optional.ofNullable(cause),
                startDate,
                java.util.Optional.ofNullable(stopDate));
    }
}
