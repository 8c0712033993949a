package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.experiment.Experiment;
import it.attimo.core.experiment.ExperimentAssignments;
import it.attimo.core.experiment.ExperimentCatalogLoader;
import it.attimo.core.experiment.TwoProportionTest;
import it.attimo.core.journey.JourneyCatalogLoader;
import it.attimo.core.touchpoint.Touchpoint;
import it.attimo.core.touchpoint.TouchpointCatalog;
import it.attimo.core.touchpoint.TouchpointCatalogLoader;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.tests.support.StackApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A/B of a touchpoint's variants over HTTP: the shipped experiment {@code brochure-landing} on the trade-fair
 * brochure's QR code (two landing pages). 260 visitors scan it (100 named by a personalised code, 160 anonymous, who
 * get a visitor key in a cookie and carry it to the landing page), the split is the hash's and close to 50:50, a known
 * share of each arm orders, and {@code GET /experiments/brochure-landing} and {@code GET /touchpoints} report exactly
 * those numbers; a repeated scan, forged cookies, query parameters and events claiming an arm change nothing; once
 * every window has closed the one stop rule reads the test.
 */
class TouchpointAbEndToEndIT {
    private static final String SECRET = "e2e-touchpoint-ab";
    private static final Instant START = Instant.parse("2026-06-09T08:00:00Z");
    private static final String ID = "brochure-landing";
    private static final Pattern COOKIE = Pattern.compile("attimo_v=(v-[0-9a-f-]{36}); Max-Age=31536000; Path=/q;.*");

    private static LocalStack stack;
    private static StackApi api;
    private static Experiment experiment;
    private static Touchpoint brochure;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * The repository's files, with the touchpoint experiment's minimum sample down from 400 to 100 per arm and its
     * window from 30 days to 2 (each virtual day runs the daily refresh jobs: a month of them is minutes of wall time).
     */
    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        Path root = TemplateConsistency.copyStatemachines(dir);
        Path experiments = dir.resolve("experiments.json");
        String declared = Files.readString(experiments);
        int at = declared.indexOf("\"id\": \"" + ID + "\"");
        int sample = declared.indexOf("\"minimumSample\": 400", at);
        assertThat(at).isPositive();
        assertThat(sample).isGreaterThan(at);
        String window = "\"within\": \"P30D\"";
        int within = declared.indexOf(window, at);
        assertThat(within).isBetween(at, sample);
        Files.writeString(
                experiments,
                declared.substring(0, within) + "\"within\": \"P2D\""
                        + declared.substring(within + window.length(), sample) + "\"minimumSample\": 100"
                        + declared.substring(sample + "\"minimumSample\": 400".length()));
        stack = LocalStack.start(
                StackOptions.inMemory(root, START, SECRET).withJourneysFile(dir.resolve("journeys.json")));
        api = new StackApi(() -> stack.baseUrl(), SECRET);
        TouchpointCatalog touchpoints = TouchpointCatalogLoader.loadOrBundled(
                root.resolve("touchpoints.json").toString());
        experiment = ExperimentCatalogLoader.load(
                        experiments, JourneyCatalogLoader.load(dir.resolve("journeys.json")), touchpoints)
                .find(ID)
                .orElseThrow();
        brochure = touchpoints.find("brochure-fiera").orElseThrow();
        assertThat(experiment.touchpoint()).isEqualTo("brochure-fiera");
        assertThat(experiment.minimumSample()).isEqualTo(100);
        assertThat(experiment.metric().within()).isEqualTo(Duration.ofDays(2));
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void theBrochuresLandingPagesFromScanToReading() throws Exception {
        Map<String, String> armOf = new LinkedHashMap<>();
        // 100 customers named by a personalised code
        for (int i = 0; i < 100; i++) {
            String c = "tpab-" + i;
            HttpResponse<String> scan = scan("?c=" + c, null);
            String arm = hashArm(c);
            assertThat(scan.statusCode()).isEqualTo(302);
            assertThat(scan.headers().firstValue("location")).hasValue(target(arm));
            assertThat(scan.headers().firstValue("set-cookie"))
                    .as("a named customer needs no cookie")
                    .isEmpty();
            armOf.put(c, arm);
        }
        // 160 anonymous visitors: a key in a first-party cookie, carried to the landing page as attimo_v
        List<String> visitors = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            HttpResponse<String> scan = scan("", i % 40 == 0 ? "attimo_v=v-forged" : null);
            String visitor = visitor(scan);
            String arm = hashArm(visitor);
            assertThat(scan.headers().firstValue("location")).hasValue(target(arm) + "&attimo_v=" + visitor);
            visitors.add(visitor);
            armOf.put(visitor, arm);
        }
        assertThat(visitors).doesNotHaveDuplicates().doesNotContain("v-forged");
        // the same phones scan again (cookie kept), one of them asking for the other variant: the same page, no new
        // exposure
        for (int i = 0; i < 20; i++) {
            String v = visitors.get(i);
            String other = armOf.get(v).equals("preventivo") ? "pagina-caldaie" : "preventivo";
            HttpResponse<String> again = scan("?variant=" + other + "&arm=" + other, "attimo_v=" + v);
            assertThat(again.headers().firstValue("location")).hasValue(target(armOf.get(v)) + "&attimo_v=" + v);
        }
        Map<String, Integer> exposed = count(armOf, s -> true);
        // the hash's split of 260 subjects: sd = sqrt(260 / 4) ~ 8.1, four of them either side of 130
        assertThat(exposed.get("pagina-caldaie")).isBetween(98, 162);
        assertThat(exposed.get("pagina-caldaie") + exposed.get("preventivo")).isEqualTo(260);

        // a day later a known share has ordered: 1 in 5 on the brochure's page, 2 in 5 on the quote page
        advanceTo(START.plus(Duration.ofDays(1)));
        List<CustomerEvent> orders = new ArrayList<>();
        List<CustomerEvent> late = new ArrayList<>();
        Map<String, Boolean> converts = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, String> s : armOf.entrySet()) {
            boolean yes = s.getValue().equals("pagina-caldaie") ? i % 5 == 0 : i % 5 < 2;
            converts.put(s.getKey(), yes);
            if (yes) orders.add(order(s.getKey(), "o-" + i, START.plus(Duration.ofDays(1))));
            else if (i % 7 == 0) late.add(order(s.getKey(), "late-" + i, START.plus(Duration.ofDays(3))));
            i++;
        }
        // forged: an unassigned subject claiming an arm, exposed ones claiming the other arm (earlier) or an unknown
        // one
        String exposedNonConverter = armOf.keySet().stream()
                .filter(s -> !converts.get(s) && !s.startsWith("v-"))
                .findFirst()
                .orElseThrow();
        String otherArm = armOf.get(exposedNonConverter).equals("preventivo") ? "pagina-caldaie" : "preventivo";
        orders.add(claim("forged-1", "preventivo", START));
        orders.add(order("forged-1", "o-forged-1", START.plus(Duration.ofHours(20))));
        orders.add(claim(exposedNonConverter, otherArm, START.minus(Duration.ofDays(2))));
        orders.add(claim(exposedNonConverter, "nope", START.minus(Duration.ofDays(2))));
        orders.add(order(exposedNonConverter, "o-early", START.minus(Duration.ofDays(1))));
        StackApi.Reply posted = api.postEvents(orders);
        assertThat(posted.status()).as(posted.raw()).isEqualTo(202);
        assertThat(posted.body().path("rejected").asInt()).as(posted.raw()).isZero();

        Map<String, Integer> converted = count(armOf, converts::get);
        JsonNode interim = poll(e -> assigned(e) == 260
                && convertedTotal(e)
                        == converted.values().stream()
                                .mapToInt(Integer::intValue)
                                .sum());
        assertArms(interim, exposed, converted);
        assertThat(interim.path("status").asText())
                .as("no window has closed yet")
                .isEqualTo("running");
        assertThat(interim.path("touchpoint").asText()).isEqualTo("brochure-fiera");
        double p = TwoProportionTest.pValue(
                converted.get("preventivo"),
                exposed.get("preventivo"),
                converted.get("pagina-caldaie"),
                exposed.get("pagina-caldaie"));
        assertThat(interim.path("pValue").asDouble()).isCloseTo(p, org.assertj.core.data.Offset.offset(1e-12));
        double rateA = (double) converted.get("pagina-caldaie") / exposed.get("pagina-caldaie");
        double rateB = (double) converted.get("preventivo") / exposed.get("preventivo");
        assertThat(interim.path("lift").asDouble())
                .isCloseTo(rateB / rateA - 1, org.assertj.core.data.Offset.offset(1e-12));

        // the inventory shows the variants with the same numbers, and the scans as the touchpoint's reach
        JsonNode row = touchpoint(api.get("/touchpoints").body(), "brochure-fiera");
        assertThat(row.path("customersReached").asInt())
                .as("every subject who scanned, and the forger's claim (an event of the source, not an exposure)")
                .isEqualTo(261);
        assertThat(row.path("events").asInt()).isEqualTo(260 + 20 + 3);
        assertThat(row.path("experiment").path("id").asText()).isEqualTo(ID);
        for (JsonNode v : row.path("variants")) {
            String arm = v.path("id").asText();
            assertThat(v.path("target").asText()).isEqualTo(target(arm));
            assertThat(v.path("exposures").asInt()).as(arm).isEqualTo(exposed.get(arm));
            assertThat(v.path("conversions").asInt()).as(arm).isEqualTo(converted.get(arm));
            assertThat(v.path("rate").asDouble())
                    .isCloseTo(
                            (double) converted.get(arm) / exposed.get(arm), org.assertj.core.data.Offset.offset(1e-12));
        }

        // orders after the window do not count; every window closed: the fixed horizon (100 per arm) is met and the
        // test is read once
        advanceTo(START.plus(Duration.ofDays(3)));
        StackApi.Reply latePosted = api.postEvents(late);
        assertThat(latePosted.status()).as(latePosted.raw()).isEqualTo(202);
        assertThat(latePosted.body().path("rejected").asInt())
                .as(latePosted.raw())
                .isZero();
        advanceTo(START.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)));
        JsonNode decided = api.get("/experiments/" + ID).body();
        assertArms(decided, exposed, converted);
        assertThat(decided.path("status").asText()).isEqualTo(p < 0.05 ? "winner-declared" : "no-difference");
        assertThat(decided.path("decision").path("pValue").asDouble())
                .isCloseTo(p, org.assertj.core.data.Offset.offset(1e-12));
        if (p < 0.05)
            assertThat(decided.path("winner").asText()).isEqualTo(rateB > rateA ? "preventivo" : "pagina-caldaie");
        assertThat(decided.path("arms").findValues("offset")).isEmpty();
        assertThat(api.get("/experiments/nope").status()).isEqualTo(404);
    }

    private static void assertArms(JsonNode e, Map<String, Integer> exposed, Map<String, Integer> converted) {
        assertThat(e.path("arms"))
                .extracting(a -> a.path("name").asText())
                .containsExactly("pagina-caldaie", "preventivo");
        for (JsonNode a : e.path("arms")) {
            String arm = a.path("name").asText();
            assertThat(a.path("assigned").asInt()).as(arm + " exposed").isEqualTo(exposed.get(arm));
            assertThat(a.path("converted").asInt()).as(arm + " converted").isEqualTo(converted.get(arm));
            assertThat(a.path("rate").asDouble())
                    .isCloseTo(
                            (double) converted.get(arm) / exposed.get(arm), org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    private static JsonNode poll(Predicate<JsonNode> done) throws InterruptedException {
        JsonNode last = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            last = api.get("/experiments/" + ID).body();
            if (done.test(last)) return last;
            api.clockAdvance("PT0S");
            Thread.onSpinWait();
        }
        throw new AssertionError("the experiment never settled: " + last);
    }

    private static int assigned(JsonNode e) {
        int n = 0;
        for (JsonNode a : e.path("arms")) n += a.path("assigned").asInt();
        return n;
    }

    private static int convertedTotal(JsonNode e) {
        int n = 0;
        for (JsonNode a : e.path("arms")) n += a.path("converted").asInt();
        return n;
    }

    private static Map<String, Integer> count(Map<String, String> armOf, Predicate<String> which) {
        Map<String, Integer> out = new HashMap<>(Map.of("pagina-caldaie", 0, "preventivo", 0));
        armOf.forEach((s, arm) -> {
            if (which.test(s)) out.merge(arm, 1, Integer::sum);
        });
        return out;
    }

    private static String hashArm(String subject) {
        return experiment.armAt(ExperimentAssignments.point(ID, subject)).name();
    }

    private static String target(String arm) {
        return brochure.variant(arm).orElseThrow().target();
    }

    private static String visitor(HttpResponse<String> scan) {
        assertThat(scan.statusCode()).isEqualTo(302);
        String cookie = scan.headers().firstValue("set-cookie").orElseThrow();
        Matcher m = COOKIE.matcher(cookie);
        assertThat(m.matches()).as(cookie).isTrue();
        assertThat(cookie).contains("HttpOnly", "Secure", "SameSite=Lax");
        return m.group(1);
    }

    private static HttpResponse<String> scan(String query, String cookie) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(stack.baseUrl().toString().replaceAll("/$", "") + "/q/"
                        + brochure.qr().code() + query));
        if (cookie != null) request.header("Cookie", cookie);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode touchpoint(JsonNode report, String id) {
        for (JsonNode t : report.path("touchpoints")) {
            if (t.path("id").asText().equals(id)) return t;
        }
        throw new AssertionError("no touchpoint " + id + " in " + report);
    }

    private static CustomerEvent order(String customer, String orderId, Instant at) {
        return new CustomerEvent(
                "ord-" + orderId,
                "shop",
                "order.placed",
                customer,
                at,
                Map.of(
                        "orderId",
                        orderId,
                        "items",
                        List.of(Map.of("sku", "CALD-24", "name", "Caldaia", "category", "caldaie", "price", 1290)),
                        "total",
                        1290,
                        "currency",
                        "EUR"));
    }

    /** A signed event that says an arm was served: only the scan's own assignment counts. */
    private static CustomerEvent claim(String customer, String arm, Instant at) {
        return new CustomerEvent(
                "claim-" + customer + "-" + arm,
                "attimo/qr/brochure-fiera",
                "qr.scanned",
                customer,
                at,
                Map.of(
                        "touchpointId",
                        "brochure-fiera",
                        "code",
                        "brochure-fiera-2026",
                        "experiment",
                        Map.of("id", ID, "arm", arm)));
    }

    private static void advanceTo(Instant at) {
        Instant target = at.isAfter(stack.now()) ? at : stack.now();
        StackApi.Reply reply = api.clockSet(target);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }
}
