package it.attimo.core.touchpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.experiment.Experiment;
import it.attimo.core.experiment.ExperimentAssignment;
import it.attimo.core.experiment.ExperimentAssignments;
import it.attimo.core.experiment.ExperimentCatalog;
import it.attimo.core.experiment.ExperimentCatalogException;
import it.attimo.core.experiment.ExperimentCatalogLoader;
import it.attimo.core.experiment.ExperimentReports;
import it.attimo.core.experiment.TwoProportionTest;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryExperimentStore;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A/B of a touchpoint's variants through the experiments engine: the experiment declared against the touchpoint's
 * variants (every mismatch a startup error naming the file and the field), the scan that serves a subject its variant
 * once (a customer, or an anonymous visitor's key) with the arm on the event, and the report counting only subjects
 * that were served, from their first exposure, with the one statistics engine.
 */
class TouchpointExperimentsTest {
    static final Instant NOW = Instant.parse("2026-06-10T12:00:00Z");
    static final String TOUCHPOINTS = """
            {"allowedTargets":["https://www.example.it/"],
             "touchpoints":[
               {"id":"flyer","name":"Flyer","kind":"qr","owner":"sales","output":"landing","sources":[],
                "milestone":"order.placed","qr":{"code":"flyer-1","target":"https://www.example.it/a"},
                "variants":[{"id":"a","target":"https://www.example.it/a"},
                            {"id":"b","target":"https://www.example.it/b#top"}]},
               {"id":"poster","name":"Poster","kind":"qr","owner":"sales","output":"landing","sources":[],
                "qr":{"code":"poster-1","target":"https://www.example.it/p"},
                "variants":[{"id":"x","target":"https://www.example.it/x"},{"id":"y","target":"https://www.example.it/y"}]},
               {"id":"plain","name":"Plain","kind":"qr","owner":"sales","output":"landing","sources":[],
                "qr":{"code":"plain-1","target":"https://www.example.it/plain"}}]}""";
    static final String FLYER_TARGET = """
            {"id":"flyer-target","touchpoint":"flyer","arms":[{"name":"a","weight":50},{"name":"b","weight":50}],
             "metric":{"name":"order","within":"P7D"},"minimumSample":50}""";
    static final String EXPERIMENT = "{\"experiments\":[" + FLYER_TARGET + "]}";

    final TouchpointCatalog touchpoints = TouchpointCatalogLoader.parse("touchpoints.json", TOUCHPOINTS);
    final ExperimentCatalog experiments =
            ExperimentCatalogLoader.parse("experiments.json", EXPERIMENT, JourneyCatalog.defaults(), touchpoints);
    final MutableClock clock = new MutableClock(NOW);
    final InMemoryExperimentStore store = new InMemoryExperimentStore();
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final QrScans scans = new QrScans(touchpoints, queue, clock, new ExperimentAssignments(experiments, store, clock));

    @Test
    void aTouchpointExperimentIsDeclaredAgainstTheTouchpointsVariants() {
        Experiment e = experiments.onTouchpoint("flyer").orElseThrow();
        assertThat(e.id()).isEqualTo("flyer-target");
        assertThat(e.onTouchpoint()).isTrue();
        assertThat(e.journey()).isNull();
        assertThat(e.arms()).extracting(a -> a.name() + "/" + a.offset()).containsExactly("a/null", "b/null");
        assertThat(e.metric().events())
                .as("the touchpoint's milestone when no events are named")
                .extracting(m -> m.type())
                .containsExactly("order.placed");
        assertThat(e.metric().within()).isEqualTo(Duration.ofDays(7));
        assertThat(experiments.onTouchpoint("plain")).isEmpty();
        assertThat(experiments.covering("post-purchase", "tutorial")).isEmpty();
        assertThat(touchpoints.find("flyer").orElseThrow().variants())
                .extracting(Touchpoint.Variant::id)
                .containsExactly("a", "b");
    }

    @Test
    void aMismatchBetweenExperimentAndTouchpointStopsTheStartNamingFileAndField() {
        String bad = """
                {"experiments":[
                  {"id":"unknown","touchpoint":"nope","arms":[{"name":"a","weight":1},{"name":"b","weight":1}],
                   "metric":{"name":"m","within":"P1D"},"minimumSample":10},
                  {"id":"arms","touchpoint":"flyer","arms":[{"name":"a","weight":1,"offset":"PT1H"},{"name":"c","weight":1}],
                   "metric":{"name":"m","within":"P1D"},"minimumSample":10},
                  {"id":"both","touchpoint":"flyer","journey":"post-purchase",
                   "arms":[{"name":"a","weight":1},{"name":"b","weight":1}],
                   "metric":{"name":"m","within":"P1D"},"minimumSample":10},
                  {"id":"novariants","touchpoint":"plain","arms":[{"name":"a","weight":1},{"name":"b","weight":1}],
                   "metric":{"name":"m","within":"P1D"},"minimumSample":10},
                  {"id":"nomilestone","touchpoint":"poster","arms":[{"name":"x","weight":1},{"name":"y","weight":1}],
                   "metric":{"name":"m","within":"P1D"},"minimumSample":10}]}""";
        assertThatThrownBy(() -> ExperimentCatalogLoader.parse(
                        "statemachines/experiments.json", bad, JourneyCatalog.defaults(), touchpoints))
                .isInstanceOf(ExperimentCatalogException.class)
                .hasMessageStartingWith("statemachines/experiments.json: ")
                .hasMessageContaining(
                        "experiment 'unknown', field 'touchpoint': no touchpoint 'nope' in touchpoints.json (known: flyer, poster, plain)")
                .hasMessageContaining(
                        "experiment 'arms', field 'arms[0].offset': a touchpoint experiment's arm has no offset")
                .hasMessageContaining(
                        "experiment 'arms', field 'arms[1].name': 'c' is not a variant of touchpoint 'flyer' (variants: a, b)")
                .hasMessageContaining("experiment 'arms', field 'arms': variant 'b' of touchpoint 'flyer' has no arm")
                .hasMessageContaining("experiment 'both', field 'journey': a touchpoint experiment names no journey")
                .hasMessageContaining(
                        "experiment 'novariants', field 'touchpoint': touchpoint 'plain' declares no variants")
                .hasMessageContaining(
                        "experiment 'nomilestone', field 'metric.events': required: touchpoint 'poster' has no milestone");
        String twice = "{\"experiments\":[" + FLYER_TARGET + "," + FLYER_TARGET.replace("flyer-target", "again") + "]}";
        assertThatThrownBy(() -> ExperimentCatalogLoader.parse("e.json", twice, JourneyCatalog.defaults(), touchpoints))
                .hasMessageContaining("experiment 'again', field 'touchpoint': another experiment already tests flyer");

        assertThatThrownBy(() -> TouchpointCatalogLoader.parse(
                        "touchpoints.json",
                        TOUCHPOINTS.replace("https://www.example.it/b#top", "https://evil.example/b")))
                .hasMessageStartingWith("touchpoints.json: ")
                .hasMessageContaining(
                        "touchpoints[0].variants[1].target https://evil.example/b is not under an allowedTargets prefix");
        assertThatThrownBy(() -> TouchpointCatalogLoader.parse("t.json", """
                        {"allowedTargets":[],"touchpoints":[{"id":"bot","name":"B","kind":"chatbot","owner":"o",
                         "output":"o","sources":["web/bot"],"variants":[{"id":"a"},{"id":"a","colour":"red"}]}]}"""))
                .hasMessageContaining("touchpoints[0].variants: only a touchpoint with a qr code can declare variants");
        assertThatThrownBy(() ->
                        TouchpointCatalogLoader.parse("t.json", TOUCHPOINTS.replace("\"id\":\"b\"", "\"id\":\"a\"")))
                .hasMessageContaining("touchpoints[0].variants[1].id a is declared twice");
    }

    @Test
    void aScanServesTheSubjectItsVariantOnceAndTheEventCarriesTheArm() {
        Experiment e = experiments.onTouchpoint("flyer").orElseThrow();
        String arm = e.armAt(ExperimentAssignments.point("flyer-target", "c-1")).name();
        QrScans.Scan first = scans.scan("flyer-1", "c-1", null);
        assertThat(first.visitor()).as("a named customer needs no visitor key").isNull();
        assertThat(first.target())
                .isEqualTo(touchpoints
                        .find("flyer")
                        .orElseThrow()
                        .variant(arm)
                        .orElseThrow()
                        .target());
        clock.advance(Duration.ofHours(1));
        assertThat(scans.scan("flyer-1", "c-1", "v-00000000-0000-0000-0000-000000000000")
                        .target())
                .isEqualTo(first.target());
        CustomerEvent scanned = queue.published().get(0);
        assertThat(scanned.customerId()).isEqualTo("c-1");
        assertThat(scanned.source()).isEqualTo("attimo/qr/flyer");
        assertThat(scanned.data())
                .containsEntry("variant", arm)
                .containsEntry("experiment", Map.of("id", "flyer-target", "arm", arm));
        assertThat(store.assignments("flyer-target"))
                .as("recorded once, at the first scan")
                .singleElement()
                .extracting(
                        ExperimentAssignment::customerId, ExperimentAssignment::arm, ExperimentAssignment::assignedAt)
                .containsExactly("c-1", arm, NOW);

        // an anonymous visitor: a key minted on the first scan, kept by the cookie, carried to the landing page
        QrScans.Scan anonymous = scans.scan("flyer-1", null, null);
        assertThat(anonymous.visitor()).matches(QrScans.VISITOR);
        String visitorArm = e.armAt(ExperimentAssignments.point("flyer-target", anonymous.visitor()))
                .name();
        assertThat(anonymous.target())
                .isEqualTo(QrScans.withVisitor(
                        touchpoints
                                .find("flyer")
                                .orElseThrow()
                                .variant(visitorArm)
                                .orElseThrow()
                                .target(),
                        anonymous.visitor()));
        assertThat(scans.scan("flyer-1", null, anonymous.visitor())).isEqualTo(anonymous);
        assertThat(queue.published().get(queue.published().size() - 1).customerId())
                .isEqualTo(anonymous.visitor());
        QrScans.Scan forged = scans.scan("flyer-1", "not an id!", "v-not-a-key");
        assertThat(forged.visitor()).matches(QrScans.VISITOR).isNotEqualTo("v-not-a-key");
        assertThat(store.assignments("flyer-target")).hasSize(3);

        // a touchpoint no experiment tests: as before
        QrScans.Scan plain = scans.scan("plain-1", null, null);
        assertThat(plain).isEqualTo(new QrScans.Scan("https://www.example.it/plain", null));
        assertThat(queue.published().get(queue.published().size() - 1).customerId())
                .isEqualTo("anonymous-qr-plain");
        assertThat(queue.published().get(queue.published().size() - 1).data()).doesNotContainKey("experiment");

        assertThat(QrScans.withVisitor("https://www.example.it/b#top", "v-1"))
                .isEqualTo("https://www.example.it/b?attimo_v=v-1#top");
        assertThat(QrScans.withVisitor("https://www.example.it/c?utm=x", "v-1"))
                .isEqualTo("https://www.example.it/c?utm=x&attimo_v=v-1");
    }

    @Test
    void anonymousVisitorsSplitEvenlyByTheirKeys() {
        Map<String, Integer> arms = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            QrScans.Scan s = scans.scan("flyer-1", null, null);
            arms.merge(s.target().startsWith("https://www.example.it/b") ? "b" : "a", 1, Integer::sum);
        }
        // 2,000 visitors: sd = sqrt(2000 * 0.25) ~ 22.4; four of them either side of 1,000
        assertThat(arms.get("a")).isBetween(910, 1090);
        assertThat(arms.get("a") + arms.get("b")).isEqualTo(2000);
    }

    @Test
    void theReportCountsServedSubjectsFromTheirFirstExposureAndIgnoresForgedArms() throws Exception {
        InMemoryEventLog log = new InMemoryEventLog();
        Set<String> subjects = new LinkedHashSet<>();
        Map<String, Integer> exposed = new HashMap<>();
        Map<String, Integer> converted = new HashMap<>();
        Experiment e = experiments.onTouchpoint("flyer").orElseThrow();
        for (int i = 0; i < 240; i++) {
            String c = "c-" + i;
            String arm = e.armAt(ExperimentAssignments.point("flyer-target", c)).name();
            scans.scan("flyer-1", c, null);
            subjects.add(c);
            exposed.merge(arm, 1, Integer::sum);
            // a known share converts in each arm: every 4th of a, every 2nd of b, within the 7 days
            boolean converts = "a".equals(arm) ? i % 4 == 0 : i % 2 == 0;
            if (converts) {
                converted.merge(arm, 1, Integer::sum);
                log.append(order(c + "-order", c, NOW.plus(Duration.ofDays(2))));
            } else if (i % 3 == 0) {
                // too late: after the window
                log.append(order(c + "-late", c, NOW.plus(Duration.ofDays(8))));
            } else if (i % 5 == 0) {
                // forged: an earlier exposure with the other arm, an order before the real exposure
                String other = "a".equals(arm) ? "b" : "a";
                log.append(new CustomerEvent(
                        c + "-forged",
                        "attimo/qr/flyer",
                        "qr.scanned",
                        c,
                        NOW.minus(Duration.ofDays(2)),
                        Map.of("experiment", Map.of("id", "flyer-target", "arm", other))));
                log.append(order(c + "-early", c, NOW.minus(Duration.ofDays(1))));
            }
        }
        queue.published().forEach(log::append);
        // not served: an event claiming an unknown arm, and an assignment whose exposure was never logged
        log.append(new CustomerEvent(
                "f-1",
                "attimo/qr/flyer",
                "qr.scanned",
                "f-1",
                NOW,
                Map.of("experiment", Map.of("id", "flyer-target", "arm", "zzz"))));
        log.append(order("f-1-order", "f-1", NOW.plus(Duration.ofHours(1))));
        store.assign(new ExperimentAssignment("flyer-target", "ghost", "a", false, NOW));
        log.append(order("ghost-order", "ghost", NOW.plus(Duration.ofHours(1))));

        clock.set(NOW.plus(Duration.ofDays(8)));
        ExperimentReports reports = new ExperimentReports(experiments, store, new InMemoryMessageLedger(), log, clock);
        JsonNode report = reports.one("flyer-target");
        assertThat(report.path("touchpoint").asText()).isEqualTo("flyer");
        assertThat(report.path("journey").isNull()).isTrue();
        for (JsonNode arm : report.path("arms")) {
            String name = arm.path("name").asText();
            assertThat(arm.path("assigned").asInt()).as(name + " exposed").isEqualTo(exposed.get(name));
            assertThat(arm.path("converted").asInt()).as(name + " converted").isEqualTo(converted.get(name));
            assertThat(arm.path("rate").asDouble()).isEqualTo((double) converted.get(name) / exposed.get(name));
            assertThat(arm.has("offset")).isFalse();
        }
        double p = TwoProportionTest.pValue(converted.get("b"), exposed.get("b"), converted.get("a"), exposed.get("a"));
        assertThat(report.path("pValue").asDouble()).isEqualTo(p);
        assertThat(report.path("lift").asDouble())
                .isEqualTo(((double) converted.get("b") / exposed.get("b"))
                                / ((double) converted.get("a") / exposed.get("a"))
                        - 1);
        // every window closed, both arms over 50: read once by the one stop rule
        assertThat(report.path("status").asText()).isEqualTo(p < 0.05 ? "winner-declared" : "no-difference");
        assertThat(report.path("decision").path("pValue").asDouble()).isEqualTo(p);

        CustomerScan scan = visitor ->
                subjects.forEach(s -> visitor.accept(new CustomerScan.ScannedCustomer(null, log.history(s))));
        Map<String, Object> touchpointsView = new TouchpointReport(touchpoints, scan, clock, reports::onTouchpoint)
                .report(NOW.minusSeconds(60), null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) touchpointsView.get("touchpoints");
        Map<String, Object> flyer = rows.get(0);
        assertThat(flyer).containsEntry("id", "flyer");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> variants = (List<Map<String, Object>>) flyer.get("variants");
        assertThat(variants)
                .extracting(v -> v.get("id") + " " + v.get("exposures") + " " + v.get("conversions"))
                .containsExactly(
                        "a " + exposed.get("a") + " " + converted.get("a"),
                        "b " + exposed.get("b") + " " + converted.get("b"));
        assertThat(variants.get(1)).containsEntry("target", "https://www.example.it/b#top");
        @SuppressWarnings("unchecked")
        Map<String, Object> experiment = (Map<String, Object>) flyer.get("experiment");
        assertThat(experiment).containsEntry("id", "flyer-target").containsEntry("pValue", p);
        Map<String, Object> poster = rows.get(1);
        assertThat(poster).containsEntry("experiment", null);
        assertThat(poster.get("variants").toString()).contains("exposures=null");
    }

    private static CustomerEvent order(String id, String customer, Instant at) {
        return new CustomerEvent(id, "shop", "order.placed", customer, at, Map.of("orderId", id));
    }
}
