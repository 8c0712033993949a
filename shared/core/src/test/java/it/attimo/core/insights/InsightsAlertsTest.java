package it.attimo.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.analytics.AnalyticsRefresh;
import it.attimo.core.insights.JourneyExecution.StateEvent;
import it.attimo.core.insights.JourneyExecution.Status;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.json.Json;
import it.attimo.core.port.AlertSink;
import it.attimo.core.port.DeadLetters;
import it.attimo.core.testing.InMemoryAnalyticsStore;
import it.attimo.core.testing.InMemoryCustomerScan;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryTemporalModelStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InsightsAlertsTest {
    static final Instant AS_OF = Instant.parse("2026-03-23T04:00:00Z");
    final JourneyInsightsTest.FakeExecutions executions = new JourneyInsightsTest.FakeExecutions();
    final JourneyInsights journeys = new JourneyInsights(
            JourneyCatalog.defaults(),
            JourneyGraphs.besideOrBundled(null),
            executions,
            new InMemoryProfileStore(),
            Clock.fixed(AS_OF, ZoneOffset.UTC),
            1000);

    @Test
    void opensFarFromTheModelsExpectationAreASlotDeviation() {
        double[] uniform = new double[168];
        Arrays.fill(uniform, 1.0 / 168);
        List<ObjectNode> rows = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(AS_OF, EngagementDays.ROME);
        for (int d = 1; d <= 7; d++) {
            LocalDate date = today.minusDays(d);
            ObjectNode row = Json.object()
                    .put("date", date.toString())
                    .put("weekday", date.getDayOfWeek().getValue());
            ObjectNode hours = row.putObject("hours");
            for (int h = 0; h < 24; h++)
                hours.putArray(Integer.toString(h)).add(0).add(10).add(0);
            if (date.getDayOfWeek().getValue() == 2)
                hours.putArray("10").add(0).add(200).add(0);
            rows.add(row);
        }
        // a row outside the window is ignored
        rows.add(Json.object().put("date", today.toString()).put("weekday", 1).set("hours", Json.object()));
        InsightsAlerts alerts = new InsightsAlerts(new InMemoryTemporalModelStore(), null, DeadLetters.NONE);
        Optional<InsightsAlert> alert = alerts.slotDeviation(AS_OF, today, rows, uniform);
        assertThat(alert).isPresent();
        assertThat(alert.get().id()).isEqualTo("slot-deviation:" + today);
        JsonNode slots = alert.get().details().path("slots");
        JsonNode tuesday10 = null;
        for (JsonNode s : slots)
            if (s.path("weekday").asInt() == 2 && s.path("hour").asInt() == 10) tuesday10 = s;
        assertThat(tuesday10).isNotNull();
        assertThat(tuesday10.path("observed").asInt()).isEqualTo(200);
        assertThat(tuesday10.path("z").asDouble()).isGreaterThan(2);
        assertThat(alert.get().messageIt()).contains("martedì 10:00");
        // every slot at its expectation: nothing to say
        List<ObjectNode> flat = new ArrayList<>(rows.subList(0, 7));
        flat.replaceAll(r -> {
            ObjectNode c = r.deepCopy();
            ((ObjectNode) c.get("hours")).putArray("10").add(0).add(10).add(0);
            return c;
        });
        assertThat(alerts.slotDeviation(AS_OF, today, flat, uniform)).isEmpty();
        assertThat(alerts.detect(AS_OF, rows)).isEmpty(); // no temporal model fitted yet
    }

    @Test
    void aDropOffThatDoublesWeekOverWeekAndANonEmptyDlqAreAlerts() {
        addWeek(AS_OF.minus(Duration.ofDays(10)), 10, 8);
        addWeek(AS_OF.minus(Duration.ofDays(3)), 10, 5);
        InsightsAlerts alerts = new InsightsAlerts(new InMemoryTemporalModelStore(), journeys, () -> 3);
        List<InsightsAlert> found = alerts.detect(AS_OF, List.of());
        assertThat(found).extracting(InsightsAlert::kind).containsExactly("drop-off", "dlq");
        InsightsAlert drop = found.get(0);
        assertThat(drop.details().path("journey").asText()).isEqualTo("post-purchase");
        assertThat(drop.details().path("from").asText()).isEqualTo("welcome");
        assertThat(drop.details().path("rate").asDouble()).isEqualTo(0.5);
        assertThat(drop.details().path("previousRate").asDouble()).isEqualTo(0.2);
        assertThat(drop.id()).startsWith("drop-off:post-purchase:welcome:2026-W13");
        assertThat(found.get(1).severity()).isEqualTo("critical");
        assertThat(found.get(1).toJson().path("message").path("en").asText()).contains("3 messages");
        // a steady drop-off raises nothing
        executions.all.clear();
        addWeek(AS_OF.minus(Duration.ofDays(10)), 10, 5);
        addWeek(AS_OF.minus(Duration.ofDays(3)), 10, 5);
        assertThat(new InsightsAlerts(new InMemoryTemporalModelStore(), journeys, DeadLetters.NONE)
                        .detect(AS_OF, List.of()))
                .isEmpty();
    }

    @Test
    void theRefreshListsItsAlertsAndSendsEachOnce() throws Exception {
        InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
        Set<String> sent = new HashSet<>();
        List<String> messages = new ArrayList<>();
        AlertSink sink = alert -> {
            if (!sent.add(alert.id())) return false;
            messages.add(alert.id());
            return true;
        };
        Clock clock = Clock.fixed(AS_OF, ZoneOffset.UTC);
        AnalyticsRefresh refresh = new AnalyticsRefresh(
                        new InMemoryCustomerScan(new InMemoryProfileStore(), new InMemoryEventLog()), store, clock)
                .withAlerts(new InsightsAlerts(new InMemoryTemporalModelStore(), null, () -> 2), sink);
        assertThat(refresh.run()).containsEntry("alerts", 1).containsEntry("alertsSent", 1);
        assertThat(refresh.run()).containsEntry("alerts", 1).containsEntry("alertsSent", 0);
        assertThat(messages).containsExactly("dlq:2026-03-23");
        InsightsReports reports = new InsightsReports(store, clock, InsightsReports.DEFAULT_PRICES, null);
        JsonNode answer = Json.parse(reports.alerts(null, null).body());
        assertThat(answer.path("generatedAt").asText()).isEqualTo(AS_OF.toString());
        assertThat(answer.path("alerts").get(0).path("kind").asText()).isEqualTo("dlq");
        assertThat(answer.path("alerts").get(0).path("detectedAt").asText()).isEqualTo(AS_OF.toString());
        assertThat(reports.alerts("format=csv", null).body())
                .startsWith("id,kind,severity,detectedAt,message\r\n" + "dlq:2026-03-23,dlq,critical,");
        JsonNode none = Json.parse(
                new InsightsReports(new InMemoryAnalyticsStore(), clock, InsightsReports.DEFAULT_PRICES, null)
                        .alerts(null, null)
                        .body());
        assertThat(none.path("alerts").size()).isZero();
        assertThat(none.path("generatedAt").isNull()).isTrue();
        // a sink that fails leaves the alert listed, to be sent by a later refresh
        AnalyticsRefresh failing = new AnalyticsRefresh(
                        new InMemoryCustomerScan(new InMemoryProfileStore(), new InMemoryEventLog()), store, clock)
                .withAlerts(new InsightsAlerts(new InMemoryTemporalModelStore(), null, () -> 2), alert -> {
                    throw new IllegalStateException("topic down");
                });
        assertThat(failing.run()).containsEntry("alerts", 1).containsEntry("alertsSent", 0);
    }

    @Test
    void theRefreshRaisesTheTouchpointAlertsFromItsOwnScanAndSendsEachOnce() {
        it.attimo.core.touchpoint.TouchpointCatalog catalog =
                it.attimo.core.touchpoint.TouchpointCatalogLoader.parse("test", """
                {"allowedTargets":[],"touchpoints":[
                  {"id":"bot","name":"Chatbot","kind":"chatbot","owner":"cs","output":"ticket","sources":["web/bot"],
                   "silentAfter":"P3D","handling":{"request":"support.requested","handled":"task.closed","within":"PT24H"}},
                  {"id":"landing","name":"Landing","kind":"landing-page","owner":"mkt","output":"crm",
                   "sources":["web/landing"],"silentAfter":"P1D"},
                  {"id":"flyer","name":"Flyer","kind":"form","owner":"sales","output":"crm","sources":["paper"]}]}""");
        List<it.attimo.core.event.CustomerEvent> history = List.of(
                new it.attimo.core.event.CustomerEvent(
                        "e1",
                        "web/bot",
                        "support.requested",
                        "c-1",
                        AS_OF.minus(Duration.ofHours(30)),
                        java.util.Map.of()),
                new it.attimo.core.event.CustomerEvent(
                        "e2",
                        "web/landing",
                        "portal.accessed",
                        "c-1",
                        AS_OF.minus(Duration.ofDays(2)),
                        java.util.Map.of()));
        // a customer without a profile still counts for the touchpoints (the refresh's other parts skip it)
        it.attimo.core.port.CustomerScan scan =
                visitor -> visitor.accept(new it.attimo.core.port.CustomerScan.ScannedCustomer(null, history));
        int[] scans = {0};
        it.attimo.core.port.CustomerScan counted = visitor -> {
            scans[0]++;
            scan.forEach(visitor);
        };
        List<String> sent = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        AnalyticsRefresh refresh = new AnalyticsRefresh(
                        counted, new InMemoryAnalyticsStore(), Clock.fixed(AS_OF, ZoneOffset.UTC))
                .withAlerts(new InsightsAlerts(new InMemoryTemporalModelStore(), null, DeadLetters.NONE), alert -> {
                    if (!seen.add(alert.id())) return false;
                    sent.add(alert.id());
                    return true;
                })
                .withTouchpoints(new it.attimo.core.touchpoint.TouchpointReport(
                        catalog, scan, Clock.fixed(AS_OF, ZoneOffset.UTC)));
        assertThat(refresh.run()).containsEntry("alerts", 3).containsEntry("alertsSent", 3);
        assertThat(scans[0]).as("one pass over the customers").isEqualTo(1);
        assertThat(sent)
                .containsExactlyInAnyOrder(
                        "touchpoint-unhandled:bot:2026-03-23",
                        "touchpoint-silent:landing:" + AS_OF.minus(Duration.ofDays(2)),
                        "touchpoint-silent:flyer:never");

        List<InsightsAlert> alerts = InsightsAlerts.touchpoints(
                new it.attimo.core.touchpoint.TouchpointReport(catalog, scan, Clock.fixed(AS_OF, ZoneOffset.UTC))
                        .report(null, null),
                AS_OF);
        InsightsAlert unhandled = alerts.stream()
                .filter(a -> a.kind().equals(InsightsAlerts.TOUCHPOINT_UNHANDLED))
                .findFirst()
                .orElseThrow();
        assertThat(unhandled.severity()).isEqualTo(InsightsAlert.CRITICAL);
        assertThat(unhandled.messageIt()).contains("Chatbot (bot)", "1 richieste", "ticket");
        assertThat(unhandled.messageEn()).contains("Chatbot (bot)", "1 requests", "not handled");
        assertThat(unhandled.details().path("count").asLong()).isEqualTo(1);
        InsightsAlert landing = alerts.stream()
                .filter(a -> a.id().startsWith("touchpoint-silent:landing"))
                .findFirst()
                .orElseThrow();
        assertThat(landing.severity()).isEqualTo(InsightsAlert.WARNING);
        // the last event in Rome's time: 21 March 2026, 05:00 Rome (04:00Z, CET)
        assertThat(landing.messageIt()).contains("nessun evento dal 21/03/2026 05:00", "(mkt)");
        assertThat(landing.messageEn()).contains("no event since 21/03/2026 05:00");
        assertThat(landing.details().path("touchpoint").asText()).isEqualTo("landing");

        // the next day: the same silence is not sent again, the unhandled request is (a new day's id)
        AnalyticsRefresh tomorrow = new AnalyticsRefresh(
                        scan, new InMemoryAnalyticsStore(), Clock.fixed(AS_OF.plus(Duration.ofDays(1)), ZoneOffset.UTC))
                .withAlerts(new InsightsAlerts(new InMemoryTemporalModelStore(), null, DeadLetters.NONE), alert -> {
                    if (!seen.add(alert.id())) return false;
                    sent.add(alert.id());
                    return true;
                })
                .withTouchpoints(new it.attimo.core.touchpoint.TouchpointReport(
                        catalog, scan, Clock.fixed(AS_OF.plus(Duration.ofDays(1)), ZoneOffset.UTC)));
        assertThat(tomorrow.run()).containsEntry("alertsSent", 1);
        assertThat(sent).endsWith("touchpoint-unhandled:bot:2026-03-24");
    }

    /** {@code n} post-purchase executions started at {@code start}: all welcomed, {@code tutored} also tutored. */
    void addWeek(Instant start, int n, int tutored) {
        for (int i = 0; i < n; i++) {
            List<StateEvent> path = new ArrayList<>(JourneyInsightsTest.path(
                    start, 60, "PlanWelcome", "WaitForWelcome", "DispatchWelcome", "WaitForTutorial"));
            if (i < tutored) path.addAll(JourneyInsightsTest.path(start.plusSeconds(600), 60, "DispatchTutorial"));
            executions.all.add(
                    new JourneyExecution("post-purchase", "w" + start + i, "c" + i, Status.RUNNING, start, null, path));
        }
    }
}
