package it.attimo.sfn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link ExecutionStore} in a map: survives an executor being replaced, not the JVM. */
public final class InMemoryExecutionStore implements ExecutionStore {
    private final Map<String, ExecutionSnapshot> snapshots = new LinkedHashMap<>();

    @Override
    public synchronized void save(ExecutionSnapshot snapshot) {
        snapshots.put(snapshot.executionArn(), snapshot);
    }

    @Override
    public synchronized List<ExecutionSnapshot> loadAll() {
        return new ArrayList<>(snapshots.values());
    }
}
