package it.attimo.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.json.Json;
import it.attimo.core.testing.InMemoryAnalyticsStore;
import it.attimo.core.testing.InMemoryCustomerScan;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryProfileStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refresh from profiles and event logs to the stored snapshot, and the four routes' answers on it. */
class AnalyticsRefreshTest {
    static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventLog log = new InMemoryEventLog();
    final InMemoryAnalyticsStore store = new InMemoryAnalyticsStore();
    final AnalyticsQueries queries = new AnalyticsQueries(store);
    int events;

    @BeforeEach
    void population() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 120; i++) {
            String id = "c" + i;
            boolean b2b = i % 6 == 0;
            String area =
                    List.of("Nord-ovest", "Nord-est", "Centro", "Sud", "Isole").get(i % 5);
            profiles.put(profile(id, b2b ? Segment.B2B : Segment.B2C, area));
            Map<String, Object> upsert = b2b ? Map.of("companyId", "az-" + (i / 6 % 4), "employees", 40) : Map.of();
            add(id, "customer.upserted", NOW.minus(Duration.ofDays(300)), upsert);
            int orders = i % 10 == 9 ? 0 : 1 + random.nextInt(6);
            for (int o = 0; o < orders; o++) {
                Instant t = NOW.minus(Duration.ofDays(5 + random.nextInt(280)));
                Map<String, Object> data = Map.of(
                        "orderId",
                        id + "-o" + o,
                        "currency",
                        "EUR",
                        "items",
                        List.of(Map.of(
                                "sku", "s1", "name", "x", "category", o % 2 == 0 ? "Casa" : "Moda", "price", 40)));
                add(id, "order.placed", t, data);
                add(id, "order.delivered", t.plus(Duration.ofDays(2)), Map.of("orderId", id + "-o" + o));
            }
            for (int e = 0; e < random.nextInt(8); e++)
                add(id, "email.opened", NOW.minus(Duration.ofDays(random.nextInt(280))), Map.of());
        }
    }

    private void add(String id, String type, Instant at, Map<String, Object> data) {
        log.append(CustomerEvent.of("e" + (events++), type, id, at, data));
    }

    static Profile profile(String id, Segment segment, String area) {
        Profile empty = Profile.empty(id);
        return new Profile(
                id,
                segment,
                new Location("015146", "Milano", "MI", "Milano", "Lombardia", area),
                "it-IT",
                null,
                Map.of(),
                0,
                null,
                List.of(),
                Map.of(),
                null,
                null,
                List.of(),
                List.of(),
                Map.of(),
                null,
                empty.version());
    }

    private Map<String, Object> refresh() {
        long[] nanos = {0};
        return new AnalyticsRefresh(
                        new InMemoryCustomerScan(profiles, log),
                        store,
                        new AnalyticsComputation(AnalyticsComputation.Settings.defaults()),
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        () -> nanos[0] += 5_000_000)
                .run();
    }

    private static JsonNode json(AnalyticsQueries.Answer answer) throws Exception {
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.csv()).isFalse();
        return Json.parse(answer.body());
    }

    @Test
    void beforeTheFirstRefreshEveryRouteIsNotFoundSayingWhy() {
        assertThatThrownBy(() -> queries.rfm(null, null))
                .isInstanceOf(NotFound.class)
                .hasMessageContaining("refresh");
        assertThatThrownBy(() -> queries.clusters(null, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> queries.clv(null, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> queries.churn(null, null)).isInstanceOf(NotFound.class);
    }

    @Test
    void theRefreshStoresOneSnapshotAndReportsWhatItDid() {
        Map<String, Object> report = refresh();
        assertThat(store.saves()).isEqualTo(1);
        assertThat(report).containsEntry("customers", 120).containsEntry("asOf", NOW.toString());
        assertThat(report.get("accounts")).isEqualTo(4);
        JsonNode summary = store.latestSummary().orElseThrow();
        assertThat(summary.path("generatedAt").asText()).isEqualTo(NOW.toString());
        assertThat(summary.path("tables").path("customers").asInt()).isEqualTo(120);
        assertThat(summary.path("wallMillis").asLong()).isPositive();
    }

    @Test
    void rfmListsSegmentsAndPagesOfScoredCustomers() throws Exception {
        refresh();
        JsonNode all = json(queries.rfm("limit=1000", null));
        // 12 customers without orders (every tenth) are not scored
        assertThat(all.path("total").asInt()).isEqualTo(108);
        assertThat(all.path("withoutOrders").asInt()).isEqualTo(12);
        assertThat(all.path("definitions")).hasSize(RfmSegment.values().length);
        JsonNode row = all.path("rows").get(0);
        for (String f : List.of(
                "customerId",
                "segment",
                "macroArea",
                "accountId",
                "recencyDays",
                "frequency",
                "monetary",
                "r",
                "f",
                "m",
                "score",
                "rfmSegment",
                "rfmSegmentName",
                "scope")) assertThat(row.has(f)).as(f).isTrue();
        // placed + delivered with one orderId is one order; the value comes from the items
        JsonNode c1 = find(all.path("rows"), "c1");
        long placed = log.history("c1").stream()
                .filter(e -> e.type().equals("order.placed"))
                .count();
        assertThat(c1.path("frequency").asLong()).isEqualTo(placed);
        assertThat(c1.path("monetary").asDouble()).isCloseTo(40.0 * placed, within(1e-9));
        assertThat(c1.path("scope").asText()).isEqualTo("customer");
        // a b2b contact carries its account's RFM
        JsonNode c6 = find(all.path("rows"), "c6");
        assertThat(c6.path("scope").asText()).isEqualTo("account");
        assertThat(c6.path("accountId").asText()).isEqualTo("az-1");

        JsonNode page = json(queries.rfm("limit=5&offset=5", null));
        assertThat(page.path("rows")).hasSize(5);
        assertThat(page.path("rows").get(0).path("customerId"))
                .isEqualTo(all.path("rows").get(5).path("customerId"));
        assertThat(page.path("limit").asInt()).isEqualTo(5);
        assertThat(json(queries.rfm(null, null)).path("limit").asInt()).isEqualTo(100);

        String some = all.path("rows").get(0).path("rfmSegment").asText();
        JsonNode filtered = json(queries.rfm("segment=" + some, null));
        assertThat(filtered.path("rows"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.path("rfmSegment").asText()).isEqualTo(some));
        int b2cCount = 0;
        for (JsonNode s : all.path("b2c").path("segments"))
            if (s.path("id").asText().equals(some)) b2cCount += s.path("count").asInt();
        JsonNode b2cOnly = json(queries.rfm("segment=" + some + "&customerSegment=b2c&limit=1000", null));
        assertThat(b2cOnly.path("total").asInt()).isEqualTo(b2cCount);
    }

    @Test
    void b2bAccountsAddTheirContactsOrdersIntoOneContractValue() throws Exception {
        refresh();
        JsonNode accounts = json(queries.rfm("scope=accounts", null));
        assertThat(accounts.path("total").asInt()).isEqualTo(4);
        JsonNode az2 = null;
        for (JsonNode a : accounts.path("rows"))
            if (a.path("accountId").asText().equals("az-2")) az2 = a;
        assertThat(az2).isNotNull();
        double expected = 0;
        int contacts = 0;
        for (int i = 0; i < 120; i += 6) {
            if (!("az-" + (i / 6 % 4)).equals("az-2")) continue;
            contacts++;
            expected += 40.0
                    * log.history("c" + i).stream()
                            .filter(e -> e.type().equals("order.placed"))
                            .count();
        }
        assertThat(az2.path("customers").asInt()).isEqualTo(contacts);
        assertThat(az2.path("contractValue").asDouble()).isCloseTo(expected, within(0.01));
        assertThat(az2.path("employees").asInt()).isEqualTo(40);
    }

    @Test
    void csvByFormatOrAcceptHeaderHasEveryMatchingRow() throws Exception {
        refresh();
        AnalyticsQueries.Answer csv = queries.rfm("format=csv", null);
        assertThat(csv.csv()).isTrue();
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.filename()).isEqualTo("rfm-customers.csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("customerId,segment,macroArea,accountId,recencyDays");
        assertThat(lines).hasSize(109);
        assertThat(queries.rfm(null, "text/csv").body()).isEqualTo(csv.body());
        assertThat(queries.rfm("format=csv&limit=3", null).body().split("\r\n")).hasSize(4);
        assertThat(queries.rfm("format=json", "text/csv").csv()).isFalse();
        AnalyticsQueries.Answer clusters = queries.clusters("format=csv", null);
        assertThat(clusters.body()).startsWith("id,size,share,label,labelEn,description,descriptionEn");
        assertThat(queries.clv("format=csv", null).body()).startsWith("customerId,segment,frequency,recency,T,pAlive");
        assertThat(queries.churn("format=csv", null).body()).startsWith("customerId,segment,macroArea");
        // no match: a header alone
        assertThat(queries.churn("format=csv&minProbability=1", null).body().split("\r\n"))
                .hasSize(1);
    }

    @Test
    void clustersClvAndChurnCarryTheirModelsAndRows() throws Exception {
        refresh();
        JsonNode clusters = json(queries.clusters(null, null));
        assertThat(clusters.path("criterion").asText()).isEqualTo("silhouette");
        int k = clusters.path("k").asInt();
        assertThat(k).isBetween(2, 8);
        assertThat(clusters.path("clusters"))
                .hasSize(k)
                .allSatisfy(c -> assertThat(c.path("description").asText()).isNotBlank());
        assertThat(clusters.path("total").asInt()).isEqualTo(120);
        JsonNode one = json(queries.clusters("cluster=0&limit=1000", null));
        assertThat(one.path("rows"))
                .allSatisfy(r -> assertThat(r.path("cluster").asInt()).isZero());
        assertThat(one.path("total").asInt())
                .isEqualTo(clusters.path("clusters").get(0).path("size").asInt());

        JsonNode clv = json(queries.clv(null, null));
        assertThat(clv.path("status").asText()).isEqualTo("fitted");
        for (String p : List.of("r", "alpha", "a", "b"))
            assertThat(clv.path("params").path(p).asDouble()).isPositive();
        assertThat(clv.path("total").asInt()).isEqualTo(108);
        JsonNode row = clv.path("rows").get(0);
        assertThat(row.path("pAlive").asDouble()).isBetween(0.0, 1.0);
        assertThat(row.has("expectedPurchases")).isTrue();
        assertThat(row.path("T").asDouble())
                .isGreaterThanOrEqualTo(row.path("recency").asDouble());

        JsonNode churn = json(queries.churn(null, null));
        assertThat(churn.has("auc")).isTrue();
        assertThat(churn.has("brier")).isTrue();
        assertThat(churn.path("status").asText()).isNotBlank();
        if (churn.path("status").asText().equals("fitted")) {
            assertThat(churn.path("rows")).isNotEmpty();
            JsonNode high = json(queries.churn("minProbability=0.5&limit=1000", null));
            assertThat(high.path("rows"))
                    .allSatisfy(
                            r -> assertThat(r.path("probability").asDouble()).isGreaterThanOrEqualTo(0.5));
        }
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        refresh();
        for (String query : List.of(
                "limit=0",
                "limit=1001",
                "limit=x",
                "offset=-1",
                "format=xml",
                "colour=red",
                "limit=1&limit=2",
                "scope=planets",
                "segment=unknown",
                "customerSegment=b2x",
                "limit=%zz")) {
            assertThatThrownBy(() -> queries.rfm(query, null)).as(query).isInstanceOf(BadRequest.class);
        }
        assertThatThrownBy(() -> queries.churn("minProbability=2", null))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("minProbability");
        assertThatThrownBy(() -> queries.clusters("cluster=-1", null)).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> queries.clv("segment=campioni", null))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("segment");
    }

    @Test
    void anyQueryStringIsAnAnswerOrABadRequestNeverAnotherFailure() {
        refresh();
        SplittableRandom random = new SplittableRandom(17);
        String alphabet = "abcflimostuqrpyz=&%+,.-_01259AZéñ ?#/\\\"'";
        List<String> names = List.of(
                "limit", "offset", "format", "scope", "segment", "customerSegment", "cluster", "minProbability", "x");
        for (int i = 0; i < 3000; i++) {
            StringBuilder q = new StringBuilder();
            int parts = random.nextInt(4);
            for (int p = 0; p < parts; p++) {
                if (p > 0) q.append('&');
                q.append(random.nextInt(3) == 0 ? "" : names.get(random.nextInt(names.size())));
                if (random.nextBoolean()) q.append('=');
                for (int c = random.nextInt(6); c > 0; c--)
                    q.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String query = q.toString();
            for (int route = 0; route < 4; route++) {
                try {
                    AnalyticsQueries.Answer answer = switch (route) {
                        case 0 -> queries.rfm(query, null);
                        case 1 -> queries.clusters(query, "text/csv");
                        case 2 -> queries.clv(query, null);
                        default -> queries.churn(query, "*/*");
                    };
                    assertThat(answer.body()).isNotNull();
                } catch (BadRequest refused) {
                    assertThat(refused.getMessage()).isNotBlank();
                }
            }
        }
    }

    @Test
    void aSecondRefreshReplacesTheFirst() throws Exception {
        refresh();
        add("c0", "order.placed", NOW.minus(Duration.ofDays(1)), Map.of("orderId", "new", "total", 1000));
        refresh();
        assertThat(store.saves()).isEqualTo(2);
        JsonNode c0 = find(json(queries.rfm("limit=1000", null)).path("rows"), "c0");
        assertThat(c0.path("recencyDays").asDouble()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void aRunReplacedWhileReadingIsReadAgainFromTheNewRun() throws Exception {
        refresh();
        it.attimo.core.port.AnalyticsStore racing = new it.attimo.core.port.AnalyticsStore() {
            boolean first = true;

            @Override
            public void save(AnalyticsSnapshot snapshot) {}

            @Override
            public java.util.Optional<com.fasterxml.jackson.databind.node.ObjectNode> latestSummary() {
                return store.latestSummary();
            }

            @Override
            public List<com.fasterxml.jackson.databind.node.ObjectNode> rows(
                    String runId, String table, int offset, int limit) {
                if (first) {
                    first = false;
                    throw new RunReplaced(runId);
                }
                return store.rows(runId, table, offset, limit);
            }
        };
        assertThat(json(new AnalyticsQueries(racing).clv(null, null)).path("rows"))
                .isNotEmpty();
    }

    static JsonNode find(JsonNode rows, String id) {
        for (JsonNode r : rows) if (r.path("customerId").asText().equals(id)) return r;
        throw new AssertionError("no row " + id);
    }
}
