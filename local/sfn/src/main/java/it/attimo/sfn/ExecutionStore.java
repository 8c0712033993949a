package it.attimo.sfn;

import java.util.List;

/** Where the executor writes every state change so that a new executor can resume. Implementations must be thread-safe. */
public interface ExecutionStore {
    void save(ExecutionSnapshot snapshot);

    /** Every stored execution (running or finished). */
    List<ExecutionSnapshot> loadAll();

    default List<ExecutionSnapshot> loadRunning() {
        return loadAll().stream()
                .filter(s -> s.status() == ExecutionStatus.RUNNING)
                .toList();
    }
}
