package it.attimo.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.local.SamTemplate;
import it.attimo.local.cost.PriceBook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the demo did, as text for people and as JSON for scripts. */
final class DemoSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    final ObjectNode json = JSON.createObjectNode();

    static double percentile(List<Long> sortedMicros, double p) {
        if (sortedMicros.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, Math.min(index, sortedMicros.size() - 1))) / 1000.0;
    }

    /** Counts by key, sorted by key. */
    static Map<String, Long> count(Iterable<String> keys) {
        Map<String, Long> out = new TreeMap<>();
        for (String k : keys) {
            out.merge(k, 1L, Long::sum);
        }
        return out;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        JsonNode run = json.path("run");
        out.append(String.format(
                Locale.ROOT,
                "Attimo demo: %d customers (seed %d, %d b2b / %d b2c), %d virtual days from %s%s%n",
                run.path("customers").asLong(),
                run.path("seed").asLong(),
                run.path("b2b").asLong(),
                run.path("b2c").asLong(),
                run.path("days").asLong(),
                run.path("start").asText(),
                run.path("followUpHours").asLong() > 0
                        ? " (+" + run.path("followUpHours").asLong() + " h follow-up for the experiments' windows)"
                        : ""));
        out.append(String.format(
                Locale.ROOT,
                "  wall time %s, %.0f events/s through POST /events (posting %s, running what fell due %s, customers'"
                        + " reactions %s)%n",
                human(Duration.ofMillis(run.path("wallMillis").asLong())),
                run.path("eventsPerSecond").asDouble(),
                human(Duration.ofMillis(run.path("postingMillis").asLong())),
                human(Duration.ofMillis(run.path("clockMillis").asLong())),
                human(Duration.ofMillis(run.path("reactionMillis").asLong()))));
        JsonNode ev = json.path("events");
        out.append(String.format(
                Locale.ROOT,
                "events      sent %d (+%d duplicate deliveries, +%d malformed companions in batches), %d requests%n",
                ev.path("sent").asLong(),
                ev.path("duplicateDeliveries").asLong(),
                ev.path("malformedSent").asLong(),
                ev.path("requests").asLong()));
        out.append(String.format(
                Locale.ROOT,
                "ingest      accepted %d, rejected %d (quarantine now holds %d), duplicates in a batch %d, ignored %d%n",
                ev.path("accepted").asLong(),
                ev.path("rejected").asLong(),
                json.path("quarantine").asLong(),
                ev.path("duplicatesInBatch").asLong(),
                ev.path("ignored").asLong()));
        long logged = ev.path("eventLogItems").asLong();
        long distinct = ev.path("sent").asLong();
        out.append(String.format(
                Locale.ROOT,
                "            event log holds %d items for %d distinct events sent (%s)%n",
                logged,
                distinct,
                logged == distinct ? "every duplicate delivery absorbed" : "differs by " + (logged - distinct)));
        out.append(String.format(
                Locale.ROOT,
                "            HTTP status %s, transport errors %d%n",
                ev.path("statusCodes"),
                ev.path("transportErrors").asLong()));
        JsonNode lat = json.path("ingestLatencyMillis");
        out.append(String.format(
                Locale.ROOT,
                "            latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (client-measured)%n",
                lat.path("p50").asDouble(),
                lat.path("p99").asDouble(),
                lat.path("max").asDouble()));
        JsonNode q = json.path("queue");
        out.append(String.format(
                Locale.ROOT,
                "queue       processed %d, failed and retried %d, dead letters %d%n",
                q.path("processed").asLong(),
                q.path("failed").asLong(),
                q.path("deadLetters").asLong()));
        out.append("journeys\n");
        json.path("journeys")
                .fields()
                .forEachRemaining(j -> out.append(String.format(
                        Locale.ROOT,
                        "  %-16s started %d, finished %d (succeeded %d, failed %d, other %d), running %d%n",
                        j.getKey(),
                        j.getValue().path("started").asLong(),
                        j.getValue().path("finished").asLong(),
                        j.getValue().path("succeeded").asLong(),
                        j.getValue().path("failed").asLong(),
                        j.getValue().path("otherClosed").asLong(),
                        j.getValue().path("running").asLong())));
        out.append(transitionsText(json.path("journeys")));
        out.append("messages (outbox: journey / step / channel)\n");
        json.path("messages")
                .fields()
                .forEachRemaining(m -> out.append(String.format(
                        Locale.ROOT, "  %-48s %d%n", m.getKey(), m.getValue().asLong())));
        if (json.path("messages").isEmpty()) {
            out.append("  (none)\n");
        }
        JsonNode pp = json.path("postPurchase");
        if (!pp.isMissingNode()) {
            out.append(String.format(
                    Locale.ROOT,
                    "post-purchase  delays %d (%d over 48 h: apology + coupon, %d coupons issued), returns %d,"
                            + " talk-to-a-person %d, detractors %d, churn high %d%n",
                    pp.path("delays").asLong(),
                    pp.path("delaysOver48h").asLong(),
                    pp.path("couponsIssued").asLong(),
                    pp.path("returns").asLong(),
                    pp.path("supportRequests").asLong(),
                    pp.path("detractors").asLong(),
                    pp.path("churnHigh").asLong()));
        }
        out.append("tiers (profiles)\n  ");
        List<String> tiers = new ArrayList<>();
        json.path("tiers")
                .fields()
                .forEachRemaining(t -> tiers.add(t.getKey() + " " + t.getValue().asLong()));
        out.append(tiers.isEmpty() ? "(none)" : String.join(", ", tiers)).append('\n');
        JsonNode onboarding = json.path("onboarding");
        if (!onboarding.isMissingNode() && !onboarding.isNull()) {
            out.append("onboarding (GET /kpis/onboarding)\n").append(onboardingText(onboarding.path("overall")));
        }
        if (json.path("experiments").isArray() && !json.path("experiments").isEmpty()) {
            out.append("experiments (GET /experiments)\n").append(experimentsText(json.path("experiments")));
        }
        return out.toString();
    }

    /**
     * What the finished executions cost in Step Functions transitions, measured (states entered plus retries), beside
     * the bound {@code attimo cost} prices (the longest path, every planned send going out).
     */
    static String transitionsText(JsonNode journeys) {
        PriceBook.Price price =
                PriceBook.bundled().price(PriceBook.Item.STEP_FUNCTIONS_TRANSITIONS, SamTemplate.REGION);
        StringBuilder out = new StringBuilder();
        journeys.fields().forEachRemaining(j -> {
            JsonNode t = j.getValue().path("transitions");
            if (t.path("executions").asLong() == 0) return;
            out.append(String.format(
                    Locale.ROOT,
                    "  %-16s %.1f per finished execution (%d-%d): transitions alone $%.2f per 10,000 customers in %s%n",
                    j.getKey(),
                    t.path("mean").asDouble(),
                    t.path("min").asLong(),
                    t.path("max").asLong(),
                    price.cost(t.path("mean").asDouble() * 10_000),
                    SamTemplate.REGION));
        });
        if (out.length() == 0) return "";
        return "Step Functions transitions, measured (states entered + retries; `attimo cost` prices the longest path)\n"
                + out;
    }

    /** The overall onboarding touchpoints in two lines; the full report is in the JSON summary. */
    static String onboardingText(JsonNode overall) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "  %d customers; guide completed %.1f%%; outcomes %s%n",
                overall.path("customers").asLong(),
                overall.path("guideCompletedPercent").asDouble(),
                overall.path("outcomes")));
        List<String> phases = new ArrayList<>();
        overall.path("phases")
                .fields()
                .forEachRemaining(p -> phases.add(
                        p.getKey() + " " + p.getValue().path("completed").asLong() + "/"
                                + p.getValue().path("entered").asLong()));
        out.append("  completed/entered: ").append(String.join(", ", phases)).append('\n');
        return out.toString();
    }

    /** Per experiment: status and winner, each arm's customers, conversions and rate, lift and p-value. */
    static String experimentsText(JsonNode experiments) {
        StringBuilder out = new StringBuilder();
        for (JsonNode e : experiments) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %s (%s, metric %s within %s): %s%s%n",
                    e.path("id").asText(),
                    e.path("touchpoint").isTextual()
                            ? "touchpoint " + e.path("touchpoint").asText()
                            : e.path("journey").asText() + " / "
                                    + e.path("step").asText(),
                    e.path("metric").path("name").asText(),
                    e.path("metric").path("within").asText(),
                    e.path("status").asText(),
                    e.path("winner").isNull()
                            ? ""
                            : ", winner " + e.path("winner").asText()));
            for (JsonNode a : e.path("arms")) {
                out.append(String.format(
                        Locale.ROOT,
                        "    %-16s %5d customers, %5d converted, rate %s%n",
                        a.path("name").asText(),
                        a.path("assigned").asLong(),
                        a.path("converted").asLong(),
                        a.path("rate").isNull()
                                ? "-"
                                : String.format(
                                        Locale.ROOT,
                                        "%.1f%%",
                                        100 * a.path("rate").asDouble())));
            }
            out.append(String.format(
                    Locale.ROOT,
                    "    lift %s (vs the first arm), p-value %s (two-sided two-proportion z-test)%n",
                    e.path("lift").isNull()
                            ? "-"
                            : String.format(
                                    Locale.ROOT, "%+.1f%%", 100 * e.path("lift").asDouble()),
                    e.path("pValue").isNull()
                            ? "-"
                            : String.format(
                                    Locale.ROOT, "%.4g", e.path("pValue").asDouble())));
        }
        return out.toString();
    }

    /**
     * How long the demo's clock runs on after the customers' own events: the longest metric window plus two days (an
     * experimental send may come up to a day after a delivery, and the planner may move it up to its step's window);
     * zero when there are no experiments.
     */
    static Duration followUp(JsonNode experiments) {
        Duration window = longestWindow(experiments);
        return window.isZero() ? window : window.plus(Duration.ofDays(2));
    }

    /**
     * The longest metric window of the timing experiments of {@code GET /experiments} (the demo sends their messages;
     * it scans no touchpoint's QR code, so a touchpoint experiment's window does not hold it up); zero when none.
     */
    static Duration longestWindow(JsonNode experiments) {
        Duration longest = Duration.ZERO;
        if (experiments == null) return longest;
        for (JsonNode e : experiments) {
            if (e.path("touchpoint").isTextual()) continue;
            Duration within = Duration.parse(e.path("metric").path("within").asText("PT0S"));
            if (within.compareTo(longest) > 0) longest = within;
        }
        return longest;
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60
                ? (s / 60) + "m" + String.format("%02d", s % 60) + "s"
                : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
