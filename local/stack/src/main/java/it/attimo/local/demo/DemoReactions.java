package it.attimo.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * How the demo's customers answer the post-purchase tutorial: read from the outbox as it fills (which arm of the timing
 * experiment each customer actually received, when it went), they watch the guide video and click the support link
 * with the propensities of that arm. The propensities encode seed 001's finding (at 24 h: +23% guide completion, 1.7x
 * support clicks), so the demo shows the machinery measuring an effect, not evidence of one; the measured numbers
 * come from the events these reactions post and what the customers did, through {@code GET /experiments}.
 */
final class DemoReactions {
    /** Chance of watching the guide within the window, and of clicking the support link, after the tutorial. */
    record Propensity(double guide, double support) {}

    static final Map<String, Propensity> BY_ARM = Map.of(
            "tutorial-12h", new Propensity(0.30, 0.08),
            "tutorial-24h", new Propensity(0.30 * 1.23, 0.08 * 1.7));
    /** A tutorial sent with no experiment label (experiments off): the 12-hour arm's habits. */
    static final Propensity UNLABELLED = BY_ARM.get("tutorial-12h");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final long seed;
    private final Set<String> seen = new HashSet<>();

    DemoReactions(long seed) {
        this.seed = seed;
    }

    /** The reactions to the tutorials that appeared in {@code outbox} since the last call, ordered by time. */
    List<DemoEvent> to(JsonNode outbox) {
        List<DemoEvent> out = new ArrayList<>();
        if (outbox == null) return out;
        for (JsonNode m : outbox) {
            if (!"tutorial".equals(m.path("step").asText())
                    || !seen.add(m.path("messageKey").asText())) continue;
            String customer = m.path("customerId").asText();
            String arm = m.path("context").path("experimentArm").asText(null);
            Propensity p = arm == null ? UNLABELLED : BY_ARM.getOrDefault(arm, UNLABELLED);
            Instant sent = Instant.parse(m.path("sendAt").asText());
            // one stream per message: the same customer reacts the same way whatever order the outbox lists them in
            Random random =
                    new Random(seed * 1_000_003L + m.path("messageKey").asText().hashCode());
            if (random.nextDouble() < p.guide()) {
                Instant at = sent.plus(Duration.ofMinutes(20 + random.nextInt(36 * 60)));
                ObjectNode data =
                        JSON.createObjectNode().put("videoId", "guide").put("watchedSeconds", 90 + random.nextInt(31));
                out.add(event(customer, "video.watched", at, data, m, "guide"));
            }
            if (random.nextDouble() < p.support()) {
                Instant at = sent.plus(Duration.ofMinutes(5 + random.nextInt(10 * 60)));
                ObjectNode data = JSON.createObjectNode()
                        .put("link", "support")
                        .put("messageKey", m.path("messageKey").asText());
                out.add(event(customer, "email.clicked", at, data, m, "support"));
            }
        }
        out.sort(java.util.Comparator.comparing(DemoEvent::at));
        return out;
    }

    private static DemoEvent event(
            String customer, String type, Instant at, ObjectNode data, JsonNode message, String what) {
        ObjectNode e = JSON.createObjectNode();
        e.put("specversion", "1.0");
        e.put(
                "id",
                customer + "-"
                        + Integer.toHexString(
                                message.path("messageKey").asText().hashCode()) + "-" + what);
        e.put("source", type.startsWith("email.") ? "demo/mailer" : "demo/portal");
        e.put("type", type);
        e.put("subject", customer);
        e.put("time", at.toString());
        e.put("datacontenttype", "application/json");
        e.set("data", data);
        return new DemoEvent(at, customer, type, e, null, false);
    }
}
