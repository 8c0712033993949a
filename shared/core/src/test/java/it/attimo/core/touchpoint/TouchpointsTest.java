package it.attimo.core.touchpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.error.BadRequest;
import it.attimo.core.error.Forbidden;
import it.attimo.core.error.NotFound;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.testing.InMemoryEventQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TouchpointsTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final String JSON = """
            {"allowedTargets":["https://www.example.it/"],
             "touchpoints":[
               {"id":"bot","name":"Bot","kind":"chatbot","owner":"cs","output":"tickets","sources":["web/bot"],
                "silentAfter":"P1D","handling":{"request":"support.requested","handled":"task.closed","within":"PT24H"}},
               {"id":"landing","name":"Landing","kind":"landing-page","owner":"mkt","output":"crm","sources":["web/landing"],
                "milestone":"order.placed"},
               {"id":"flyer","name":"Flyer","kind":"qr","owner":"sales","output":"landing","sources":[],
                "qr":{"code":"flyer-1","target":"https://www.example.it/x"}}]}""";

    final TouchpointCatalog catalog = TouchpointCatalogLoader.parse("test", JSON);
    final Map<String, List<CustomerEvent>> log = new LinkedHashMap<>();
    final CustomerScan scan =
            visitor -> log.values().forEach(h -> visitor.accept(new CustomerScan.ScannedCustomer(null, h)));

    @Test
    void countsReachConversionAndAlerts() {
        add("a", "web/bot", "support.requested", NOW.minus(Duration.ofHours(30)));
        add("a", "crm", "task.closed", NOW.minus(Duration.ofHours(29)));
        add("b", "web/bot", "support.requested", NOW.minus(Duration.ofHours(26)));
        add("c", "web/bot", "support.requested", NOW.minus(Duration.ofHours(1)));
        add("d", "web/landing", "portal.accessed", NOW.minus(Duration.ofDays(2)));
        add("d", "shop", "order.placed", NOW.minus(Duration.ofDays(1)));
        add("e", "web/landing", "portal.accessed", NOW.minus(Duration.ofDays(30)));
        add("f", "web/landing", "portal.accessed", NOW.plus(Duration.ofDays(1)));
        Map<String, Object> report =
                new TouchpointReport(catalog, scan, Clock.fixed(NOW, ZoneOffset.UTC)).report(null, null);
        assertThat(report).containsEntry("from", NOW.minus(Duration.ofDays(7)).toString());
        Map<String, Object> bot = row(report, "bot");
        assertThat(bot)
                .containsEntry("events", 3L)
                .containsEntry("customersReached", 3)
                .containsEntry("requests", 3L)
                .containsEntry("unhandled", 1L)
                .containsEntry("status", "alert");
        assertThat(alerts(bot)).containsExactly("unhandled");
        Map<String, Object> landing = row(report, "landing");
        assertThat(landing)
                .containsEntry("events", 1L)
                .containsEntry("conversions", 1)
                .containsEntry("conversionRate", 1.0)
                .containsEntry("lastEventAt", NOW.minus(Duration.ofDays(2)).toString());
        Map<String, Object> flyer = row(report, "flyer");
        assertThat(alerts(flyer)).containsExactly("silent");
        assertThat(flyer).containsKey("qr").containsEntry("conversions", null);
        assertThat(report).containsEntry("alerts", 2);

        Map<String, Object> later = new TouchpointReport(
                        catalog, scan, Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC))
                .report(null, null);
        assertThat(alerts(row(later, "bot"))).contains("silent");
        assertThatThrownBy(() -> new TouchpointReport(catalog, scan, Clock.systemUTC()).report(NOW, NOW))
                .isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> new TouchpointReport(catalog, scan, Clock.systemUTC())
                        .report(NOW.minus(Duration.ofDays(400)), NOW))
                .isInstanceOf(BadRequest.class);
    }

    @Test
    void theRouteAnswersJsonOrOneCsvLinePerTouchpointAndRefusesBadParameters() throws Exception {
        add("a", "web/bot", "support.requested", NOW.minus(Duration.ofHours(30)));
        add("d", "web/landing", "portal.accessed", NOW.minus(Duration.ofDays(2)));
        add("d", "shop", "order.placed", NOW.minus(Duration.ofDays(1)));
        TouchpointReport report = new TouchpointReport(catalog, scan, Clock.fixed(NOW, ZoneOffset.UTC));

        var json = report.answer("from=2026-06-01T00:00:00Z&to=2026-06-10T12:00:00Z", null);
        assertThat(json.csv()).isFalse();
        var body = it.attimo.core.json.Json.parse(json.body());
        assertThat(body.path("from").asText()).isEqualTo("2026-06-01T00:00:00Z");
        assertThat(body.path("touchpoints")
                        .get(0)
                        .path("handling")
                        .path("within")
                        .asText())
                .isEqualTo("PT24H");
        assertThat(body.path("touchpoints").get(0).path("silentAfter").asText()).isEqualTo("PT24H");

        var csv = report.answer("format=csv", null);
        assertThat(csv.csv()).isTrue();
        assertThat(csv.filename()).isEqualTo("touchpoints.csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(",", TouchpointReport.CSV_COLUMNS));
        assertThat(lines).hasSize(1 + catalog.touchpoints().size());
        assertThat(lines.get(1))
                .startsWith("bot,Bot,chatbot,cs,tickets,web/bot," + NOW.minus(Duration.ofDays(7)) + "," + NOW + ",1,")
                .contains(",1,1,alert,silent unhandled,no event since 2026-06-09T06:00:00Z: check")
                .endsWith("; 1 support.requested without task.closed within PT24H (tickets)");
        assertThat(lines.get(2)).contains(",1,order.placed,1,1.0,,,ok,,");
        assertThat(lines.get(3))
                .startsWith("flyer,Flyer,qr,sales,landing,attimo/qr/flyer,")
                .contains(",silent,");
        assertThat(report.answer(null, "text/csv").csv()).isTrue();

        assertThatThrownBy(() -> report.answer("from=yesterday", null))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("from must be an ISO-8601 instant");
        assertThatThrownBy(() -> report.answer("format=xml", null)).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> report.answer("since=2026-06-01T00:00:00Z", null))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("unknown parameter 'since'");
        assertThatThrownBy(() -> report.answer("from=2026-06-10T12:00:00Z&to=2026-06-01T00:00:00Z", null))
                .isInstanceOf(BadRequest.class);
    }

    @Test
    void aScanIsLoggedForItsTouchpointAndRedirectsToItsTarget() {
        InMemoryEventQueue queue = new InMemoryEventQueue();
        QrScans scans = new QrScans(catalog, queue, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(scans.scan("flyer-1", "c-9")).isEqualTo("https://www.example.it/x");
        assertThat(scans.scan("flyer-1", "not an id!")).isEqualTo("https://www.example.it/x");
        assertThat(queue.published())
                .extracting(CustomerEvent::customerId)
                .containsExactly("c-9", "anonymous-qr-flyer");
        assertThat(queue.published().get(0).source()).isEqualTo("attimo/qr/flyer");
        assertThat(queue.published().get(0).type()).isEqualTo("qr.scanned");
        assertThatThrownBy(() -> scans.scan("nope", null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> scans.scan(null, null)).isInstanceOf(NotFound.class);
        assertThat(catalog.allowed("https://evil.example/")).isFalse();
    }

    @Test
    void anEmbeddedFormAcceptsOnlyItsOriginsKeyRateAndValidFields() {
        TouchpointCatalog withForm = TouchpointCatalogLoader.parse("f", """
                {"allowedTargets":[],"touchpoints":[{"id":"pref","name":"P","kind":"form","owner":"m","output":"o",
                 "sources":["web/pref"],"form":{"formId":"pref","key":"key-1234","origins":["https://a.example"],
                 "event":"preferences.updated","perMinute":3,"fields":[
                   {"name":"email","type":"email","required":true},{"name":"tel","type":"tel"},
                   {"name":"topic","type":"select","options":["x","y"]},{"name":"ok","type":"checkbox","required":true},
                   {"name":"note","type":"text"}]}}]}""");
        InMemoryEventQueue queue = new InMemoryEventQueue();
        it.attimo.core.testing.MutableClock clock = new it.attimo.core.testing.MutableClock(NOW);
        FormSubmissions forms = new FormSubmissions(withForm, queue, clock);
        Map<String, String> good = Map.of(
                "key",
                "key-1234",
                "email",
                "a@b.it",
                "tel",
                "+39 333 1234567",
                "topic",
                "x",
                "ok",
                "on",
                "customerId",
                "c-1");
        assertThat(forms.form("pref").fields()).hasSize(5);
        assertThatThrownBy(() -> forms.form("nope")).isInstanceOf(NotFound.class);
        assertThat(forms.allowedOrigin("pref", "https://a.example")).isTrue();
        assertThat(forms.allowedOrigin("nope", "https://a.example")).isFalse();
        assertThatThrownBy(() -> forms.submit("pref", "https://b.example", "ip", good))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> forms.submit("pref", null, "ip", good)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> forms.submit("pref", "https://a.example", "ip", Map.of("key", "bad")))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> forms.submit("nope", "https://a.example", "ip", good))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> forms.submit(
                        "pref",
                        "https://a.example",
                        "ip",
                        Map.of("key", "key-1234", "email", "no", "tel", "abc", "topic", "z", "note", "n".repeat(501))))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("email is not an e-mail")
                .hasMessageContaining("tel is not a phone")
                .hasMessageContaining("topic is not an option")
                .hasMessageContaining("ok is required")
                .hasMessageContaining("note is too long");
        assertThat(forms.submit("pref", "https://a.example", "ip", good)).containsEntry("customerId", "c-1");
        assertThat(forms.submit(
                                "pref",
                                "https://a.example",
                                "ip",
                                Map.of("key", "key-1234", "email", "a@b.it", "ok", "true"))
                        .get("customerId"))
                .asString()
                .startsWith("lead-");
        assertThatThrownBy(() -> forms.submit("pref", "https://a.example", "ip", good))
                .isInstanceOf(FormSubmissions.TooManySubmissions.class);
        assertThat(forms.submit("pref", "https://a.example", "other-ip", good)).containsEntry("status", "accepted");
        clock.advance(Duration.ofSeconds(61));
        assertThat(forms.submit("pref", "https://a.example", "ip", good)).containsEntry("status", "accepted");
        assertThat(queue.published()).extracting(CustomerEvent::type).containsOnly("preferences.updated");
        assertThat(queue.published().get(0).source()).isEqualTo("web/pref");
        assertThat(queue.published().get(0).data()).containsEntry("ok", true).containsEntry("formId", "pref");
        assertThatThrownBy(() -> TouchpointCatalogLoader.parse("f", """
                {"allowedTargets":[],"touchpoints":[{"id":"p","name":"P","kind":"form","owner":"m","output":"o",
                 "sources":["s"],"form":{"formId":"Bad!","key":"k","origins":["ftp://x"],"event":"order.placed",
                 "perMinute":0,"fields":[{"name":"a b","type":"file"}]}}]}"""))
                .hasMessageContaining("formId 'Bad!'")
                .hasMessageContaining("key must match")
                .hasMessageContaining("must be scheme://host")
                .hasMessageContaining("at least one page origin")
                .hasMessageContaining("event must be one of")
                .hasMessageContaining("perMinute must be positive")
                .hasMessageContaining("name 'a b'")
                .hasMessageContaining("type file");
    }

    @Test
    void theCatalogRefusesWhatCannotBeWatched() {
        String bad = """
                {"allowedTargets":["http://insecure/"], "extra":1,
                 "touchpoints":[
                   {"id":"Bad Id","name":"","kind":"pigeon","owner":"x","output":"y","sources":[],"silentAfter":"soon"},
                   {"id":"a","name":"A","kind":"form","owner":"x","output":"y","sources":["s"],"milestone":"nothing.done",
                    "handling":{"request":"support.requested","handled":"task.closed","within":"PT0S"}},
                   {"id":"a","name":"A2","kind":"qr","owner":"x","output":"y","sources":["s"],
                    "qr":{"code":"c!","target":"https://elsewhere/"}}]}""";
        assertThatThrownBy(() -> TouchpointCatalogLoader.parse("bad", bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an https:// URL prefix")
                .hasMessageContaining("extra is not a known field")
                .hasMessageContaining("id 'Bad Id'")
                .hasMessageContaining("kind 'pigeon'")
                .hasMessageContaining("name is required")
                .hasMessageContaining("at least one CloudEvents source")
                .hasMessageContaining("silentAfter must be an ISO-8601")
                .hasMessageContaining("nothing.done is not an event type")
                .hasMessageContaining("within must be positive")
                .hasMessageContaining("id a is declared twice")
                .hasMessageContaining("qr.code must match")
                .hasMessageContaining("not under an allowedTargets prefix")
                .hasMessageContaining("source s belongs to another touchpoint");
        assertThatThrownBy(() -> TouchpointCatalogLoader.parse("x", "[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> TouchpointCatalogLoader.parse("x", "{")).hasMessageContaining("not valid JSON");
        assertThat(TouchpointCatalogLoader.bundled().find("brochure-fiera")).isPresent();
        assertThat(TouchpointCatalogLoader.loadOrBundled("").touchpoints()).isNotEmpty();
        assertThatThrownBy(() -> TouchpointCatalogLoader.loadOrBundled("/nonexistent/touchpoints.json"))
                .hasMessageContaining("cannot read");
    }

    private void add(String customer, String source, String type, Instant at) {
        log.computeIfAbsent(customer, k -> new ArrayList<>())
                .add(new CustomerEvent(
                        customer + "-" + log.size() + "-" + type + at, source, type, customer, at, Map.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Map<String, Object> report, String id) {
        return ((List<Map<String, Object>>) report.get("touchpoints"))
                .stream().filter(r -> r.get("id").equals(id)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<String> alerts(Map<String, Object> row) {
        return ((List<Map<String, Object>>) row.get("alerts"))
                .stream().map(a -> (String) a.get("type")).toList();
    }
}
