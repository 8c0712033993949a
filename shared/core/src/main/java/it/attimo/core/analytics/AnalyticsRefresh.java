package it.attimo.core.analytics;

import it.attimo.core.insights.EngagementDays;
import it.attimo.core.insights.InsightsAlert;
import it.attimo.core.insights.InsightsAlerts;
import it.attimo.core.journey.JourneyDefinition;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.port.AlertSink;
import it.attimo.core.port.AnalyticsStore;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.touchpoint.TouchpointReport;
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
    /** A ledger up to this size is read in one pass beside the scan; a larger one customer by customer. */
    static final int MAX_LEDGER_RECORDS_AT_ONCE = 50_000;

    private final CustomerScan scan;
    private final AnalyticsStore store;
    private final AnalyticsComputation computation;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private MessageLedger ledger;
    private JourneyDefinition onboarding;
    private InsightsAlerts alerts;
    private AlertSink alertSink = AlertSink.NONE;
    private TouchpointReport touchpoints;

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

    /**
     * Also gathers the dashboard's facts ({@link EngagementDays}): sends from {@code ledger} (one ledger read per
     * customer), onboarding phases from {@code onboarding}'s milestones (null: none).
     */
    public AnalyticsRefresh withEngagement(MessageLedger ledger, JourneyDefinition onboarding) {
        this.ledger = ledger;
        this.onboarding = onboarding;
        return this;
    }

    /** Also raises the dashboard's alerts ({@link InsightsAlerts}) and sends each new one once through {@code sink}. */
    public AnalyticsRefresh withAlerts(InsightsAlerts alerts, AlertSink sink) {
        this.alerts = alerts;
        this.alertSink = sink;
        return this;
    }

    /**
     * Also watches the touchpoint inventory: its report over the 7 days before the refresh, fed from the refresh's own
     * scan, adds its silence and unhandled-output alerts ({@link InsightsAlerts#touchpoints}) to the others.
     */
    public AnalyticsRefresh withTouchpoints(TouchpointReport touchpoints) {
        this.touchpoints = touchpoints;
        return this;
    }

    public Map<String, Object> run() {
        long started = nanoTime.getAsLong();
        Instant asOf = clock.instant();
        List<CustomerActivity> customers = new ArrayList<>();
        EngagementDays engagement = new EngagementDays(asOf, onboarding);
        TouchpointReport.Pass touched = touchpoints == null ? null : touchpoints.start(null, asOf);
        Map<String, List<MessageRecord>> everyLedger = ledger == null
                ? Map.of()
                : ledger.everyCustomer(MAX_LEDGER_RECORDS_AT_ONCE).orElse(null);
        scan.forEach(c -> {
            if (touched != null) touched.add(c.history());
            if (c.profile() == null) return;
            customers.add(CustomerActivities.from(c.profile(), c.history()));
            engagement.add(
                    c.profile(),
                    c.history(),
                    everyLedger != null
                            ? everyLedger.getOrDefault(c.profile().customerId(), List.of())
                            : ledger.forCustomer(c.profile().customerId()));
        });
        long scanned = nanoTime.getAsLong();
        AnalyticsSnapshot computed = computation.compute(customers, asOf);
        // customer rows by id, so one customer's row is found by a binary search (AnalyticsStore#customerRow)
        List<com.fasterxml.jackson.databind.node.ObjectNode> byId = new ArrayList<>(computed.customers());
        byId.sort(java.util.Comparator.comparing(r -> r.path("customerId").asText()));
        Map<String, Integer> clusters = new java.util.HashMap<>();
        for (com.fasterxml.jackson.databind.node.ObjectNode row : byId)
            if (row.hasNonNull("cluster"))
                clusters.put(
                        row.path("customerId").asText(), row.path("cluster").asInt());
        Map<String, List<com.fasterxml.jackson.databind.node.ObjectNode>> others = new LinkedHashMap<>();
        others.put(EngagementDays.DAYS, engagement.dayRows());
        others.put(EngagementDays.HEAT, engagement.heatRows(clusters::get));
        List<InsightsAlert> raised = new ArrayList<>();
        if (alerts != null) raised.addAll(alerts.detect(asOf, others.get(EngagementDays.HEAT)));
        if (touched != null) raised.addAll(InsightsAlerts.touchpoints(touched.result(), asOf));
        com.fasterxml.jackson.databind.node.ArrayNode alertList =
                computed.summary().putArray("alerts");
        raised.forEach(a -> alertList.add(a.toJson()));
        AnalyticsSnapshot snapshot =
                new AnalyticsSnapshot(computed.runId(), computed.summary(), byId, computed.accounts(), others);
        long wallMillis = (nanoTime.getAsLong() - started) / 1_000_000;
        snapshot.summary().put("generatedAt", asOf.toString());
        snapshot.summary().put("wallMillis", wallMillis);
        com.fasterxml.jackson.databind.node.ObjectNode tables =
                snapshot.summary().putObject("tables");
        for (String name : snapshot.tableNames())
            tables.put(name, snapshot.table(name).size());
        store.save(snapshot);
        int sent = 0;
        for (InsightsAlert a : raised) {
            try {
                if (alertSink.sendOnce(a)) sent++;
            } catch (RuntimeException e) {
                // the alert stays listed; the next refresh tries to send it again (same id)
                LOG.warning(() -> "alert " + a.id() + " not sent: " + e);
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("asOf", asOf.toString());
        report.put("customers", customers.size());
        report.put("accounts", snapshot.accounts().size());
        report.put("days", snapshot.table(EngagementDays.DAYS).size());
        report.put("alerts", raised.size());
        report.put("alertsSent", sent);
        report.put("clusters", snapshot.summary().path("clusters").path("k").asInt());
        report.put("clv", snapshot.summary().path("clv").path("status").asText());
        report.put("churn", snapshot.summary().path("churn").path("status").asText());
        report.put("scanMillis", (scanned - started) / 1_000_000);
        report.put("wallMillis", (nanoTime.getAsLong() - started) / 1_000_000);
        LOG.info(() -> "analytics refreshed: " + report);
        return report;
    }
}
