package it.attimo.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.analytics.AnalyticsRefresh;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.ChurnRisk;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.json.Json;
import it.attimo.core.testing.InMemoryAnalyticsStore;
import it.attimo.core.testing.InMemoryCustomerScan;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InsightsReportsTest {
    /** a Monday, 09:00 in Rome */
    static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    static final Instant AS_OF = T.plus(Duration.ofDays(20));

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventLog log = new InMemoryEventLog();
    final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    final InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
    final JourneyCatalog catalog = JourneyCatalog.defaults();
    InsightsReports reports;
    int ids;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(AS_OF, ZoneOffset.UTC);
        reports = new InsightsReports(store, clock, InsightsReports.DEFAULT_PRICES, catalog.require("onboarding-72h"));
        profile("a", Segment.B2C, "Nord-ovest");
        profile("b", Segment.B2B, "Sud");
        profile("c", Segment.B2B, "Centro");
        event("a", "order.delivered", T, Map.of("orderId", "o1"));
        MessageRecord welcome = new MessageRecord(
                "a",
                "pp-a#welcome",
                "post-purchase",
                "pp-a",
                "welcome",
                Channel.EMAIL,
                "service",
                T.plus(Duration.ofHours(2)),
                MessageRecord.SENT,
                null,
                null,
                T);
        ledger.update(welcome.withOutcome("email.opened", T.plus(Duration.ofHours(5))));
        event("a", "email.opened", T.plus(Duration.ofHours(5)), Map.of());
        event("a", "email.clicked", T.plus(Duration.ofMinutes(150)), Map.of());
        event("a", "survey.answered", T.plus(Duration.ofDays(1)), Map.of("nps", 10, "csat", 5));
        event("a", "order.placed", T.plus(Duration.ofDays(8)), Map.of("orderId", "o2"));
        event("b", "order.delivered", T.plus(Duration.ofDays(1)), Map.of("orderId", "o3"));
        event("b", "survey.answered", T.plus(Duration.ofDays(2)), Map.of("nps", 3));
        ledger.update(new MessageRecord(
                "b",
                "x-b#sms",
                "delivery-delay",
                "x-b",
                "apology",
                Channel.SMS,
                "transactional",
                T.plus(Duration.ofDays(3)).plus(Duration.ofHours(6)),
                MessageRecord.SENT,
                null,
                null,
                T));
        event("c", "account.registered", T, Map.of());
        event("c", "form.started", T.plus(Duration.ofHours(1)), Map.of("formId", "first-module"));
        event("c", "form.completed", T.plus(Duration.ofHours(3)), Map.of("formId", "first-module"));
        event("c", "support.contacted", T.plus(Duration.ofHours(2)), Map.of());
        new AnalyticsRefresh(new InMemoryCustomerScan(profiles, log), store, clock)
                .withEngagement(ledger, catalog.require("onboarding-72h"))
                .run();
    }

    @Test
    void theOverviewAddsUpTheRefreshsDayRows() throws Exception {
        JsonNode o = Json.parse(reports.overview(null, null).body());
        assertThat(o.path("period").path("to").asText()).isEqualTo(AS_OF.toString());
        assertThat(o.path("period").path("from").asText())
                .isEqualTo(AS_OF.minus(Duration.ofDays(30)).toString());
        Map<String, JsonNode> k = byId(o);
        assertThat(k.keySet())
                .contains(
                        "onboarding.completionHours",
                        "onboarding.abandonmentByPhase",
                        "onboarding.supportPerWeek",
                        "onboarding.guideCompletion",
                        "postPurchase.contacted24h",
                        "postPurchase.contacted72h",
                        "postPurchase.csat",
                        "postPurchase.nps",
                        "postPurchase.guideCompletion",
                        "postPurchase.repurchase7to14",
                        "timing.openRate",
                        "timing.optimalSlotShare",
                        "timing.meanResponseHours",
                        "timing.opensPerSlotStdDev",
                        "timing.costPerContact");
        assertThat(value(k, "postPurchase.contacted24h")).isEqualTo(50.0);
        assertThat(k.get("postPurchase.contacted24h").path("sample").asInt()).isEqualTo(2);
        assertThat(value(k, "postPurchase.nps")).isEqualTo(0.0);
        JsonNode nps = k.get("postPurchase.nps").path("breakdown");
        assertThat(nps.size()).isEqualTo(2);
        Map<String, Double> byGroup = new HashMap<>();
        nps.forEach(b -> byGroup.put(b.path("key").asText(), b.path("value").asDouble()));
        assertThat(byGroup).containsEntry("b2c|Nord-ovest", 100.0).containsEntry("b2b|Sud", -100.0);
        assertThat(value(k, "postPurchase.csat")).isEqualTo(100.0);
        assertThat(value(k, "postPurchase.repurchase7to14")).isEqualTo(50.0);
        assertThat(value(k, "timing.openRate")).isEqualTo(50.0);
        assertThat(value(k, "timing.meanResponseHours")).isEqualTo(3.0);
        assertThat(value(k, "timing.optimalSlotShare")).isEqualTo(50.0);
        assertThat(value(k, "timing.costPerContact")).isEqualTo(0.0327);
        assertThat(value(k, "onboarding.completionHours")).isEqualTo(2.0);
        assertThat(value(k, "onboarding.guideCompletion")).isEqualTo(0.0);
        assertThat(value(k, "onboarding.abandonmentByPhase")).isEqualTo(50.0);
        assertThat(k.get("onboarding.abandonmentByPhase")
                        .path("breakdown")
                        .get(0)
                        .path("key")
                        .asText())
                .isEqualTo("portal");
        assertThat(value(k, "onboarding.supportPerWeek")).isEqualTo(round(1 / (31 / 7.0)));
        assertThat(value(k, "timing.opensPerSlotStdDev")).isGreaterThan(0);
        assertThat(k.get("postPurchase.csat").path("label").path("it").asText()).isEqualTo("CSAT");
        assertThat(k.get("timing.openRate").path("definition").path("en").asText())
                .isNotBlank();

        JsonNode b2b = Json.parse(reports.overview("segment=B2B", null).body());
        assertThat(byId(b2b).get("postPurchase.contacted24h").path("value").asDouble())
                .isEqualTo(0.0);
        assertThat(b2b.path("filters").path("segment").asText()).isEqualTo("b2b");
        JsonNode north = Json.parse(reports.overview("area=nord_ovest", null).body());
        assertThat(north.path("filters").path("area").asText()).isEqualTo("Nord-ovest");
        assertThat(byId(north).get("postPurchase.nps").path("value").asDouble()).isEqualTo(100.0);
        JsonNode none =
                Json.parse(reports.overview("to=2026-01-01T00:00:00Z", null).body());
        assertThat(byId(none).get("timing.openRate").path("value").isNull()).isTrue();
        assertThat(byId(none).get("timing.openRate").path("sample").asInt()).isZero();

        String csv = reports.overview("format=csv", null).body();
        assertThat(csv).startsWith("id,group,breakdown,label,value,unit,sample\r\n");
        assertThat(csv).contains("postPurchase.nps,post-purchase,b2b|Sud,b2b · Sud,-100.0,score,1");
    }

    @Test
    void theHeatmapHasAll168CellsInRomeTime() throws Exception {
        JsonNode opens = Json.parse(reports.heatmap("metric=opens", null).body());
        assertThat(opens.path("timezone").asText()).isEqualTo("Europe/Rome");
        assertThat(opens.path("cells").size()).isEqualTo(168);
        assertThat(opens.path("total").asInt()).isEqualTo(1);
        assertThat(opens.path("max").asInt()).isEqualTo(1);
        // 13:00 UTC on a Monday in March = 14:00 in Rome
        assertThat(cell(opens, 1, 14)).isEqualTo(1);
        JsonNode sends = Json.parse(reports.heatmap(null, null).body());
        assertThat(sends.path("metric").asText()).isEqualTo("sends");
        assertThat(sends.path("total").asInt()).isEqualTo(2);
        assertThat(cell(sends, 1, 11)).isEqualTo(1);
        assertThat(cell(sends, 4, 15)).isEqualTo(1);
        JsonNode b2bClicks =
                Json.parse(reports.heatmap("metric=clicks&segment=b2b", null).body());
        assertThat(b2bClicks.path("total").asInt()).isZero();
        JsonNode clicks = Json.parse(
                reports.heatmap("metric=clicks&area=Nord-ovest", null).body());
        assertThat(cell(clicks, 1, 11)).isEqualTo(1);
        assertThat(Json.parse(reports.heatmap("metric=sends&cluster=999", null).body())
                        .path("total")
                        .asInt())
                .isZero();
        String csv = reports.heatmap("metric=opens", "text/csv").body();
        assertThat(csv).startsWith("weekday,hour,count\r\n1,0,0\r\n");
        assertThat(csv.split("\r\n")).hasSize(169);
    }

    @Test
    void badFiltersAre400AndNoRefreshIs404() {
        for (String bad : List.of(
                "metric=views",
                "segment=b2x",
                "area=Atlantide",
                "from=yesterday",
                "cluster=-1",
                "from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z",
                "colour=red")) {
            assertThatThrownBy(() -> reports.heatmap(bad, null)).as(bad).isInstanceOf(BadRequest.class);
        }
        assertThatThrownBy(() -> reports.overview("cluster=1", null)).isInstanceOf(BadRequest.class);
        InsightsReports empty = new InsightsReports(
                new InMemoryAnalyticsStore(), Clock.fixed(AS_OF, ZoneOffset.UTC), InsightsReports.DEFAULT_PRICES, null);
        assertThatThrownBy(() -> empty.overview(null, null)).isInstanceOf(NotFound.class);
        assertThat(InsightsReports.parsePrices("sms=0.07, email=0.001"))
                .containsEntry("sms", 0.07)
                .containsEntry("email", 0.001)
                .containsEntry("push", 0.0005);
        assertThat(InsightsReports.parsePrices(" ")).isEqualTo(InsightsReports.DEFAULT_PRICES);
        assertThatThrownBy(() -> InsightsReports.parsePrices("sms")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InsightsReports.parsePrices("sms=-1")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers ----

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static Double value(Map<String, JsonNode> k, String id) {
        JsonNode v = k.get(id).path("value");
        return v.isNull() ? null : v.asDouble();
    }

    static Map<String, JsonNode> byId(JsonNode overview) {
        Map<String, JsonNode> out = new HashMap<>();
        overview.path("kpis").forEach(kpi -> out.put(kpi.path("id").asText(), kpi));
        return out;
    }

    static int cell(JsonNode heatmap, int weekday, int hour) {
        for (JsonNode c : heatmap.path("cells"))
            if (c.path("weekday").asInt() == weekday && c.path("hour").asInt() == hour)
                return c.path("count").asInt();
        throw new AssertionError("no cell " + weekday + "/" + hour);
    }

    void profile(String id, Segment segment, String area) {
        profiles.save(
                new Profile(
                        id,
                        segment,
                        new Location("000000", "x", "XX", "x", "x", area),
                        "it",
                        "lei",
                        Map.of(),
                        0,
                        "cold",
                        List.of(),
                        Map.of(),
                        T,
                        T,
                        List.of(),
                        List.of(),
                        Map.of(),
                        T,
                        0,
                        ChurnRisk.NONE),
                0);
    }

    void event(String customer, String type, Instant at, Map<String, Object> data) {
        log.append(new CustomerEvent("ev-" + ids++, "test", type, customer, at, data));
    }
}
