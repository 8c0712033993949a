package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The customer-base analytics end to end on the embedded stack: events posted over HTTP, the virtual clock moved past
 * the 05:00 Europe/Rome schedule of template.yaml, the four GET /insights routes read as JSON and CSV.
 */
class InsightsAnalyticsIT {
    private static final String SECRET = "analytics-secret";
    private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    /** 05:05 in Rome the next morning: after the 05:00 analytics refresh */
    private static final Instant AFTER_REFRESH = Instant.parse("2026-11-21T04:05:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int CUSTOMERS = 80;
    private static LocalStack stack;
    private static int buyers;
    /** b2c buyers, and b2b contacts of an account that bought (they carry the account's RFM) */
    private static int scored;

    @BeforeAll
    static void postEventsAndRunTheSchedule() throws Exception {
        stack = LocalStack.start(StackOptions.inMemory(LocalStackIT.projectHome(), START, SECRET));
        SplittableRandom random = new SplittableRandom(12);
        List<String> events = new ArrayList<>();
        int id = 0;
        java.util.Set<String> buyingAccounts = new java.util.HashSet<>();
        List<String> b2bContacts = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            String customer = "an-" + c;
            boolean b2b = c % 5 == 0;
            String comune =
                    List.of("015146", "063049", "058091", "082053", "027042").get(c % 5);
            String company = b2b ? ",\"companyId\":\"az-" + (c / 5 % 3) + "\",\"employees\":60" : "";
            events.add(SignedEvents.cloudEvent(
                    "ev-" + id++,
                    "customer.upserted",
                    customer,
                    START.minus(Duration.ofDays(250)),
                    "{\"segment\":\"" + (b2b ? "b2b" : "b2c") + "\",\"comune\":\"" + comune + "\",\"consent\":{}"
                            + company + "}"));
            int orders = c % 8 == 7 ? 0 : 1 + random.nextInt(5);
            if (orders > 0) buyers++;
            if (b2b) {
                b2bContacts.add("az-" + (c / 5 % 3));
                if (orders > 0) buyingAccounts.add("az-" + (c / 5 % 3));
            } else if (orders > 0) {
                scored++;
            }
            for (int o = 0; o < orders; o++) {
                Instant at = START.minus(Duration.ofDays(2 + random.nextInt(240)));
                String category = o % 2 == 0 ? "Casa" : "Elettronica";
                events.add(SignedEvents.cloudEvent(
                        "ev-" + id++,
                        "order.placed",
                        customer,
                        at,
                        "{\"orderId\":\"" + customer + "-o" + o + "\",\"currency\":\"EUR\",\"total\":"
                                + (30 + 10 * o) + ",\"items\":[{\"sku\":\"s" + o + "\",\"name\":\"articolo\","
                                + "\"category\":\"" + category + "\",\"price\":" + (30 + 10 * o) + "}]}"));
            }
            for (int e = 0; e < random.nextInt(6); e++) {
                events.add(SignedEvents.cloudEvent(
                        "ev-" + id++,
                        "email.opened",
                        customer,
                        START.minus(Duration.ofDays(1 + random.nextInt(240))),
                        "{}"));
            }
        }
        scored += (int) b2bContacts.stream().filter(buyingAccounts::contains).count();
        for (int from = 0; from < events.size(); from += 200) {
            HttpResponse<String> response = SignedEvents.postBatch(
                    stack.baseUrl(), SECRET, events.subList(from, Math.min(events.size(), from + 200)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(JSON.readTree(response.body()).path("rejected").asInt())
                    .as(response.body())
                    .isZero();
        }
        // before the schedule: nothing computed yet, and the routes say so
        stack.advanceTo(START.plusSeconds(1));
        HttpResponse<String> early = get("/insights/rfm", null);
        assertThat(early.statusCode()).as(early.body()).isEqualTo(404);
        stack.advanceTo(AFTER_REFRESH);
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    static HttpResponse<String> get(String pathAndQuery, String accept) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(stack.baseUrl().resolve(pathAndQuery)).GET();
        if (accept != null) request.header("accept", accept);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery, null);
        assertThat(response.statusCode())
                .as(pathAndQuery + ": " + response.body())
                .isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    @Test
    void theScheduledRefreshRanOnceAtFiveInRome() throws Exception {
        JsonNode health = JSON.readTree(get("/health", null).body());
        JsonNode schedule = null;
        for (JsonNode s : health.path("components").path("scheduler").path("schedules"))
            if (s.path("name").asText().equals("AnalyticsRefresh")) schedule = s;
        assertThat(schedule).as(health.toString()).isNotNull();
        assertThat(schedule.path("runs").asInt()).isEqualTo(1);
        JsonNode rfm = json("/insights/rfm");
        assertThat(rfm.path("generatedAt").asText()).isEqualTo("2026-11-21T04:00:00Z");
        assertThat(rfm.path("customers").asInt()).isEqualTo(CUSTOMERS);
    }

    @Test
    void rfmScoresEveryBuyerWithNamedSegmentsAndAccountsForB2b() throws Exception {
        JsonNode rfm = json("/insights/rfm?limit=1000");
        assertThat(rfm.path("total").asInt()).isEqualTo(scored);
        int counted = 0;
        for (JsonNode s : rfm.path("b2c").path("segments"))
            counted += s.path("count").asInt();
        assertThat(counted).isEqualTo(rfm.path("b2c").path("customers").asInt()).isPositive();
        assertThat(rfm.path("definitions").toString())
                .contains("Campioni", "Fedeli", "A rischio", "Da risvegliare", "Persi");
        JsonNode first = rfm.path("rows").get(0);
        assertThat(first.path("r").asInt()).isBetween(1, 5);
        assertThat(first.path("rfmSegmentName").asText()).isNotBlank();
        JsonNode accounts = json("/insights/rfm?scope=accounts");
        assertThat(accounts.path("total").asInt()).isEqualTo(3);
        assertThat(accounts.path("rows").get(0).path("contractValue").asDouble())
                .isPositive();
        String segment = first.path("rfmSegment").asText();
        JsonNode filtered = json("/insights/rfm?segment=" + segment + "&limit=1000");
        assertThat(filtered.path("rows"))
                .allSatisfy(r -> assertThat(r.path("rfmSegment").asText()).isEqualTo(segment));
        JsonNode page = json("/insights/rfm?limit=3&offset=2");
        assertThat(page.path("rows")).hasSize(3);
        assertThat(page.path("rows").get(0)).isEqualTo(rfm.path("rows").get(2));
        assertThat(get("/insights/rfm?limit=-3", null).statusCode()).isEqualTo(400);
    }

    @Test
    void clustersClvAndChurnAreServedFromTheStoredRefresh() throws Exception {
        JsonNode clusters = json("/insights/clusters");
        assertThat(clusters.path("criterion").asText()).isEqualTo("silhouette");
        assertThat(clusters.path("clusters").size())
                .isEqualTo(clusters.path("k").asInt())
                .isGreaterThanOrEqualTo(2);
        assertThat(clusters.path("clusters").get(0).path("description").asText())
                .isNotBlank();
        assertThat(clusters.path("clusters").get(0).path("descriptionEn").asText())
                .isNotBlank();

        JsonNode clv = json("/insights/clv?limit=1000");
        assertThat(clv.path("status").asText()).isEqualTo("fitted");
        assertThat(clv.path("params").path("r").asDouble()).isPositive();
        assertThat(clv.path("total").asInt()).isEqualTo(buyers);
        assertThat(clv.path("rows")).allSatisfy(r -> {
            assertThat(r.path("pAlive").asDouble()).isBetween(0.0, 1.0);
            assertThat(r.path("expectedPurchases").asDouble()).isGreaterThanOrEqualTo(0.0);
        });

        JsonNode churn = json("/insights/churn");
        assertThat(churn.has("auc")).isTrue();
        assertThat(churn.has("brier")).isTrue();
        assertThat(churn.path("label").asText()).contains("no order");
    }

    @Test
    void everyRouteExportsCsv() throws Exception {
        for (String route : List.of("rfm", "clusters", "clv", "churn")) {
            HttpResponse<String> byQuery = get("/insights/" + route + "?format=csv", null);
            assertThat(byQuery.statusCode()).as(route + ": " + byQuery.body()).isEqualTo(200);
            assertThat(byQuery.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
            assertThat(byQuery.headers().firstValue("content-disposition").orElse(""))
                    .contains(".csv");
            HttpResponse<String> byAccept = get("/insights/" + route, "text/csv");
            assertThat(byAccept.body()).isEqualTo(byQuery.body());
        }
        String[] lines = get("/insights/rfm?format=csv", null).body().split("\r\n");
        assertThat(lines[0]).startsWith("customerId,");
        assertThat(lines).hasSize(scored + 1);
    }
}
