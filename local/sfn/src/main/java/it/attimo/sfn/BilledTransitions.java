package it.attimo.sfn;

import java.util.List;

/**
 * The state transitions Step Functions would bill for one execution, read from its history: every state entered
 * (Parallel and Map states, their branches' states, Succeed and Fail included) plus every retry of a Task, which AWS
 * counts as a transition of its own. What {@code attimo cost} prices as a bound (the longest path), measured on the
 * executions a run really made.
 */
public final class BilledTransitions {
    private BilledTransitions() {}

    public static long of(List<HistoryEvent> history) {
        long entered = 0;
        long taskEntries = 0;
        long attempts = 0;
        for (HistoryEvent e : history) {
            if (e.isStateEntered()) {
                entered++;
                if (e.type().equals("TaskStateEntered")) taskEntries++;
            } else if (e.type().equals("TaskScheduled")) {
                attempts++;
            }
        }
        return entered + Math.max(0, attempts - taskEntries);
    }
}
