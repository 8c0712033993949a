package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.TreeMap;

/**
 * One running thread of control: the top-level state list, one Parallel branch or one Map iteration. It sits on one
 * state in one phase. Plain mutable fields because it is persisted as JSON as-is (see {@link ExecutionRecord}).
 */
final class Frame {
    enum Phase {
        /** About to run (or re-run after a retry backoff) the current state. */
        READY,
        /** A Task invocation is in progress (the executor's lock is released meanwhile); not runnable. */
        INVOKING,
        /** In a Wait state until {@link #dueAt}. */
        WAITING,
        /** Waiting until {@link #dueAt} before retrying the current state. */
        RETRY_BACKOFF,
        /** A .waitForTaskToken task waiting for its callback, a timeout or a heartbeat timeout. */
        PARKED,
        /** The callback for a parked task arrived ({@link #pendingResult} or {@link #pendingError}). */
        RESOLVED,
        /** A Parallel/Map state waiting for its child frames. */
        AWAITING_CHILDREN,
        /** Every child of a Parallel/Map state finished; results are in {@link #results}. */
        CHILDREN_DONE,
        /** A child failed; its error is in {@link #pendingError}. */
        CHILD_FAILED
    }

    public int id;
    public Integer parentId;
    /** Position of this frame's result in the parent's results (branch index or item index). */
    public int slot;
    /** JSON pointer to the object with StartAt/States this frame runs ("" = top level). */
    public String scope;

    public String state;
    /** Raw input of the current state. */
    public JsonNode input;

    public Phase phase;
    public boolean entered;
    public Instant enteredTime;
    /** Tries of the current state entry so far beyond the first (0 on the first try). */
    public int attempt;
    /** Retries used per retrier index, for the current state entry. */
    public TreeMap<Integer, Integer> retryCounts = new TreeMap<>();

    public Instant dueAt;
    public String token;
    public Instant timeoutAt;
    public Instant heartbeatAt;
    public Integer heartbeatSeconds;
    public JsonNode pendingResult;
    public String pendingError;
    public String pendingCause;
    /** Effective input of a Wait, Parallel or Map state (after InputPath/Parameters). */
    public JsonNode effectiveInput;

    public ArrayNode results;
    public ArrayNode items;
    public int nextItem;
    public int running;
    public int maxConcurrency;
    /** For Map iterations: the item's index and value ($$.Map.Item). */
    public Integer mapIndex;

    public JsonNode mapValue;

    /** Forgets everything about the current state before moving to {@code next}. */
    void moveTo(String next, JsonNode nextInput) {
        state = next;
        input = nextInput;
        phase = Phase.READY;
        entered = false;
        enteredTime = null;
        attempt = 0;
        retryCounts = new TreeMap<>();
        clearWork();
    }

    /** Clears timers, token and child bookkeeping (before a retry or a transition). */
    void clearWork() {
        dueAt = null;
        token = null;
        timeoutAt = null;
        heartbeatAt = null;
        heartbeatSeconds = null;
        pendingResult = null;
        pendingError = null;
        pendingCause = null;
        effectiveInput = null;
        results = null;
        items = null;
        nextItem = 0;
        running = 0;
        maxConcurrency = 0;
    }

    /** The instant this frame's timer fires, if it is waiting on one. */
    Instant due() {
        return switch (phase) {
            case WAITING, RETRY_BACKOFF -> dueAt;
            case PARKED -> earliest(timeoutAt, heartbeatAt);
            default -> null;
        };
    }

    boolean runnableAt(Instant now) {
        return switch (phase) {
            case READY, RESOLVED, CHILDREN_DONE, CHILD_FAILED -> true;
            case AWAITING_CHILDREN, INVOKING -> false;
            default -> {
                Instant due = due();
                yield due != null && !due.isAfter(now);
            }
        };
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
