package it.attimo.core.port;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.analytics.AnalyticsSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * Where the analytics refresh keeps its latest results and the insights routes read them. A save replaces the
 * previous run as a whole: readers see either the old run or the new one, never a mix.
 */
public interface AnalyticsStore {
    /** Thrown by {@link #rows} when the run asked for was replaced meanwhile (the caller reads the summary again). */
    final class RunReplaced extends RuntimeException {
        public RunReplaced(String runId) {
            super("analytics run " + runId + " was replaced by a newer one");
        }
    }

    void save(AnalyticsSnapshot snapshot);

    /** The latest run's summary, with {@code runId} and {@code tables} (rows per table), if a refresh ever ran. */
    Optional<ObjectNode> latestSummary();

    /** Rows {@code offset .. offset+limit-1} of a run's table, in the order the refresh wrote them. */
    List<ObjectNode> rows(String runId, String table, int offset, int limit);
}
