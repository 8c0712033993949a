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

    /**
     * The latest run's row of one customer: a binary search over the customers table, which the refresh writes sorted
     * by {@code customerId} (about log2(rows) row reads); empty before the first refresh or when the customer has none.
     */
    default Optional<ObjectNode> customerRow(String customerId) {
        for (int attempt = 0; ; attempt++) {
            Optional<ObjectNode> summary = latestSummary();
            if (summary.isEmpty()) return Optional.empty();
            String runId = summary.get().path("runId").asText();
            int low = 0;
            int high = summary.get()
                            .path("tables")
                            .path(AnalyticsSnapshot.CUSTOMERS)
                            .asInt(0)
                    - 1;
            try {
                while (low <= high) {
                    int mid = (low + high) >>> 1;
                    List<ObjectNode> row = rows(runId, AnalyticsSnapshot.CUSTOMERS, mid, 1);
                    if (row.isEmpty()) return Optional.empty();
                    int c = row.get(0).path("customerId").asText().compareTo(customerId);
                    if (c == 0) return Optional.of(row.get(0));
                    if (c < 0) low = mid + 1;
                    else high = mid - 1;
                }
                return Optional.empty();
            } catch (RunReplaced replaced) {
                if (attempt > 0) throw replaced;
            }
        }
    }
}
