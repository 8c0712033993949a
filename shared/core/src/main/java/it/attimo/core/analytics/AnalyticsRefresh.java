package it.attimo.core.analytics;

import it.attimo.core.port.AnalyticsStore;
import it.attimo.core.port.CustomerScan;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The scheduled analytics refresh (EventBridge on AWS, the local scheduler locally): every customer's profile and log
 * are read into a {@link CustomerActivity}, {@link AnalyticsComputation} runs as of the clock's instant, and the
 * snapshot replaces the previous one in the {@link AnalyticsStore}. Page views read the stored results only.
 */
public final class AnalyticsRefresh {
    private static final Logger LOG = Logger.getLogger(AnalyticsRefresh.class.getName());

    private final CustomerScan scan;
    private final AnalyticsStore store;
    private final AnalyticsComputation computation;
    private final Clock clock;
    private final LongSupplier nanoTime;

    public AnalyticsRefresh(CustomerScan scan, AnalyticsStore store, Clock clock) {
        this(scan, store, new AnalyticsComputation(AnalyticsComputation.Settings.defaults()), clock, System::nanoTime);
    }

    /** @param nanoTime a monotonic timer for the reported wall time only (the virtual clock may stand still) */
    public AnalyticsRefresh(
            CustomerScan scan,
            AnalyticsStore store,
            AnalyticsComputation computation,
            Clock clock,
            LongSupplier nanoTime) {
        this.scan = scan;
        this.store = store;
        this.computation = computation;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    public Map<String, Object> run() {
        long started = nanoTime.getAsLong();
        Instant asOf = clock.instant();
        List<CustomerActivity> customers = new ArrayList<>();
        scan.forEach(c -> {
            if (c.profile() != null) customers.add(CustomerActivities.from(c.profile(), c.history()));
        });
        long scanned = nanoTime.getAsLong();
        AnalyticsSnapshot computed = computation.compute(customers, asOf);
        // customer rows by id, so one customer's row is found by a binary search (AnalyticsStore#customerRow)
        List<com.fasterxml.jackson.databind.node.ObjectNode> byId = new ArrayList<>(computed.customers());
        byId.sort(java.util.Comparator.comparing(r -> r.path("customerId").asText()));
        AnalyticsSnapshot snapshot =
                new AnalyticsSnapshot(computed.runId(), computed.summary(), byId, computed.accounts());
        long wallMillis = (nanoTime.getAsLong() - started) / 1_000_000;
        snapshot.summary().put("generatedAt", asOf.toString());
        snapshot.summary().put("wallMillis", wallMillis);
        snapshot.summary()
                .putObject("tables")
                .put(AnalyticsSnapshot.CUSTOMERS, snapshot.customers().size())
                .put(AnalyticsSnapshot.ACCOUNTS, snapshot.accounts().size());
        store.save(snapshot);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("asOf", asOf.toString());
        report.put("customers", customers.size());
        report.put("accounts", snapshot.accounts().size());
        report.put("clusters", snapshot.summary().path("clusters").path("k").asInt());
        report.put("clv", snapshot.summary().path("clv").path("status").asText());
        report.put("churn", snapshot.summary().path("churn").path("status").asText());
        report.put("scanMillis", (scanned - started) / 1_000_000);
        report.put("wallMillis", (nanoTime.getAsLong() - started) / 1_000_000);
        LOG.info(() -> "analytics refreshed: " + report);
        return report;
    }
}
