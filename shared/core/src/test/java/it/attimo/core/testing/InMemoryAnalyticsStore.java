package it.attimo.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.analytics.AnalyticsSnapshot;
import it.attimo.core.port.AnalyticsStore;
import java.util.List;
import java.util.Optional;

/** The analytics store in memory, for core tests: the latest snapshot only, as the real store behaves. */
public final class InMemoryAnalyticsStore implements AnalyticsStore {
    private volatile AnalyticsSnapshot latest;
    private int saves;

    @Override
    public synchronized void save(AnalyticsSnapshot snapshot) {
        latest = snapshot;
        saves++;
    }

    public synchronized int saves() {
        return saves;
    }

    @Override
    public Optional<ObjectNode> latestSummary() {
        AnalyticsSnapshot s = latest;
        return s == null ? Optional.empty() : Optional.of(s.summary().deepCopy());
    }

    @Override
    public List<ObjectNode> rows(String runId, String table, int offset, int limit) {
        AnalyticsSnapshot s = latest;
        if (s == null || !s.runId().equals(runId)) throw new RunReplaced(runId);
        List<ObjectNode> rows = s.table(table);
        return rows.subList(Math.min(offset, rows.size()), Math.min(rows.size(), offset + limit));
    }
}
