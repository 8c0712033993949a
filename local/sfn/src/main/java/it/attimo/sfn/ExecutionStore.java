package it.attimo.sfn;

import java.util.List;

/** Where the executor writes every state change so that a new executor can resume. Implementations must be thread-safe. */
public interface ExecutionStore {
    /**
     * Keeps nothing, for executions that end with the process (a stack without a data directory): the executor then
     * skips serialising every state change, which is most of its work on long histories.
     */
    ExecutionStore NONE = new ExecutionStore() {
        @Override
        public boolean keepsSnapshots() {
            return false;
        }

        @Override
        public void save(ExecutionSnapshot snapshot) {}

        @Override
        public List<ExecutionSnapshot> loadAll() {
            return List.of();
        }
    };

    void save(ExecutionSnapshot snapshot);

    /** False when {@link #save} keeps nothing, so that no snapshot needs to be built. */
    default boolean keepsSnapshots() {
        return true;
    }

    /** Every stored execution (running or finished). */
    List<ExecutionSnapshot> loadAll();

    default List<ExecutionSnapshot> loadRunning() {
        return loadAll().stream()
                .filter(s -> s.status() == ExecutionStatus.RUNNING)
                .toList();
    }
}
