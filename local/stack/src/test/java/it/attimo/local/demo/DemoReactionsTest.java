package it.attimo.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoReactionsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant SENT = Instant.parse("2026-06-10T08:00:00Z");

    static ArrayNode outbox(int perArm) {
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < perArm; i++) {
            for (String arm : List.of("tutorial-12h", "tutorial-24h")) {
                ObjectNode m = out.addObject();
                m.put("customerId", "c-" + arm + "-" + i);
                m.put("journey", "post-purchase");
                m.put("step", "tutorial");
                m.put("sendAt", SENT.toString());
                m.put("messageKey", "c-" + arm + "-" + i + "#post-purchase-x#tutorial");
                m.putObject("context").put("experimentId", "tutorial-timing").put("experimentArm", arm);
            }
        }
        out.addObject()
                .put("customerId", "c-w")
                .put("step", "welcome")
                .put("sendAt", SENT.toString())
                .put("messageKey", "c-w#x#welcome");
        return out;
    }

    @Test
    void eachArmReactsWithItsOwnPropensityOnceAfterTheSend() {
        DemoReactions reactions = new DemoReactions(42);
        ArrayNode outbox = outbox(4000);
        List<DemoEvent> events = reactions.to(outbox);
        long guide12 = count(events, "video.watched", "tutorial-12h");
        long guide24 = count(events, "video.watched", "tutorial-24h");
        long support12 = count(events, "email.clicked", "tutorial-12h");
        long support24 = count(events, "email.clicked", "tutorial-24h");
        // 4000 draws each: sd of a 30% share is 29 customers; five sd of tolerance
        assertThat(guide12).isBetween(1200L - 145, 1200L + 145);
        assertThat(guide24).isBetween(1476L - 150, 1476L + 150);
        assertThat(support12).isBetween(320L - 90, 320L + 90);
        assertThat(support24).isBetween(544L - 110, 544L + 110);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.at()).isAfter(SENT).isBefore(SENT.plus(Duration.ofHours(37)));
            assertThat(e.cloudEvent().path("subject").asText()).isEqualTo(e.customerId());
            assertThat(e.customerId()).doesNotStartWith("c-w");
        });
        assertThat(events).isSortedAccordingTo(java.util.Comparator.comparing(DemoEvent::at));
        assertThat(reactions.to(outbox)).as("a tutorial is answered once").isEmpty();
        assertThat(new DemoReactions(42).to(outbox))
                .as("the same seed, the same answers")
                .extracting(e -> e.cloudEvent().toString())
                .containsExactlyElementsOf(
                        events.stream().map(e -> e.cloudEvent().toString()).toList());
    }

    @Test
    void theSummaryShowsTheExperiment() throws Exception {
        var experiments = JSON.readTree("""
                [{"id":"tutorial-timing","journey":"post-purchase","step":"tutorial","status":"winner-declared",
                  "metric":{"name":"guide","events":[],"within":"PT72H"},
                  "arms":[{"name":"tutorial-12h","assigned":200,"converted":70,"rate":0.35},
                          {"name":"tutorial-24h","assigned":210,"converted":97,"rate":0.4619}],
                  "lift":0.3197,"pValue":0.0181,"winner":"tutorial-24h"},
                 {"id":"brochure-landing","journey":null,"step":null,"touchpoint":"brochure-fiera","status":"running",
                  "metric":{"name":"order","events":[],"within":"P30D"},
                  "arms":[{"name":"a","assigned":0,"converted":0,"rate":null},
                          {"name":"b","assigned":0,"converted":0,"rate":null}],
                  "lift":null,"pValue":null,"winner":null}]""");
        String text = DemoSummary.experimentsText(experiments);
        assertThat(text)
                .contains(
                        "tutorial-timing (post-purchase / tutorial, metric guide within PT72H): winner-declared, winner tutorial-24h")
                .contains("tutorial-24h       210 customers,    97 converted, rate 46.2%")
                .contains("lift +32.0%")
                .contains("p-value 0.01810")
                .contains("brochure-landing (touchpoint brochure-fiera, metric order within P30D): running");
        assertThat(DemoSummary.longestWindow(experiments))
                .as("the touchpoint experiment's 30 days do not hold the demo up")
                .isEqualTo(Duration.ofHours(72));
        assertThat(DemoSummary.longestWindow(null)).isZero();
        assertThat(DemoSummary.followUp(experiments)).isEqualTo(Duration.ofHours(72 + 48));
        assertThat(DemoSummary.followUp(JSON.createArrayNode())).isZero();
    }

    static long count(List<DemoEvent> events, String type, String arm) {
        return events.stream()
                .filter(e -> e.type().equals(type) && e.customerId().contains(arm))
                .count();
    }
}
