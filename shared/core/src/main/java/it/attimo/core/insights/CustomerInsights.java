package it.attimo.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.analytics.AnalyticsQueries.Answer;
import it.attimo.core.analytics.AnalyticsQueries.Csv;
import it.attimo.core.analytics.AnalyticsQueries.Request;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.ScoreLine;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.json.Json;
import it.attimo.core.port.AnalyticsStore;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.JourneyExecutions;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.profile.ProfileQueries;
import it.attimo.core.profile.ProfileView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /insights/customers/{customerId}}: where one customer is now (each journey run, the state its execution is
 * in, the next planned send and why), the timeline of events and messages (newest first, ids and classifications
 * only), score breakdown, consents, and churn by the seed's rule beside the analytics refresh's model.
 *
 * <p>The next send of a running execution is its earliest plan record still {@code PLANNED} in the ledger whose
 * dispatch has not been recorded; its {@code suitability} and {@code reasons} are what the plan step answered, read
 * from the execution's state ({@code steps.<step>.plan}).
 */
public final class CustomerInsights {
    /** Event data fields a timeline summary may show: ids, classifications and numbers, never contact details. */
    static final List<String> SUMMARY_FIELDS = List.of(
            "orderId",
            "step",
            "journey",
            "channel",
            "nps",
            "csat",
            "rating",
            "total",
            "currency",
            "delayHours",
            "form",
            "video",
            "category",
            "messageId");

    private static final List<String> TIMELINE_COLUMNS = List.of("at", "kind", "type", "channel", "status", "summary");

    private final ProfileQueries profiles;
    private final EventLog events;
    private final MessageLedger ledger;
    private final JourneyExecutions executions;
    private final AnalyticsStore analytics;

    public CustomerInsights(
            ProfileQueries profiles,
            EventLog events,
            MessageLedger ledger,
            JourneyExecutions executions,
            AnalyticsStore analytics) {
        this.profiles = profiles;
        this.events = events;
        this.ledger = ledger;
        this.executions = executions;
        this.analytics = analytics;
    }

    /** {@code GET /insights/customers/{customerId}}; CSV is the timeline. @throws NotFound for an unknown customer */
    public Answer customer(String customerId, String rawQuery, String accept) {
        Request q = new Request(rawQuery, accept, Set.of());
        ProfileView view = profiles.profile(customerId);
        Profile p = view.profile();
        List<MessageRecord> messages = ledger.forCustomer(customerId);
        ArrayNode timeline = timeline(events.history(customerId), messages);
        if (q.csv()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (JsonNode t : timeline) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String c : TIMELINE_COLUMNS)
                    row.put(c, t.hasNonNull(c) ? t.get(c).asText() : null);
                rows.add(row);
            }
            return new Answer(Answer.CSV, Csv.write(TIMELINE_COLUMNS, rows), "customer-" + customerId + ".csv");
        }
        ObjectNode out = Json.object();
        out.put("customerId", p.customerId());
        out.put("segment", p.segment() == null ? null : p.segment().id());
        out.put("area", p.location() == null ? null : p.location().macroArea());
        out.put("tier", p.tier());
        ObjectNode score = out.putObject("score");
        score.put("value", p.score());
        ArrayNode breakdown = score.putArray("breakdown");
        for (ScoreLine l : p.scoreBreakdown()) {
            breakdown
                    .addObject()
                    .put("rule", l.ruleId())
                    .put("points", l.points())
                    .put("at", str(l.at()))
                    .put("eventId", l.eventId())
                    .put("reason", l.reason());
        }
        ObjectNode consents = out.putObject("consents");
        for (Map.Entry<String, Consent> c : p.consents().entrySet()) {
            consents.putObject(c.getKey())
                    .put("granted", c.getValue().granted())
                    .put("source", c.getValue().source())
                    .put("at", str(c.getValue().at()));
        }
        out.set("churn", churn(p));
        ArrayNode journeys = out.putArray("journeys");
        List<JourneyRun> runs = new ArrayList<>(p.journeys());
        runs.sort(Comparator.comparing(JourneyRun::startedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        for (JourneyRun run : runs) journeys.add(journey(run, messages));
        out.set("timeline", timeline);
        return new Answer(Answer.JSON, out.toString(), null);
    }

    /** The churn of the profile: the seed's rule, and the model's probability from the latest refresh (or null). */
    public ObjectNode churn(Profile p) {
        ObjectNode churn = Json.object();
        ObjectNode rule = churn.putObject("rule");
        rule.put("risk", p.churn().segment());
        rule.put("probability", p.churn().probability());
        ArrayNode reasons = rule.putArray("reasons");
        p.churn().reasons().forEach(reasons::add);
        churn.set("model", model(p.customerId()));
        return churn;
    }

    /** The churn model's row for the customer in the latest analytics refresh, or a JSON null. */
    public JsonNode model(String customerId) {
        Optional<ObjectNode> row = analytics.customerRow(customerId);
        JsonNode model = row.map(r -> r.get("churnModel")).orElse(null);
        if (model == null || model.isNull()) return Json.MAPPER.nullNode();
        ObjectNode m = Json.object();
        m.set("probability", model.path("probability"));
        m.set("calibrated", model.path("calibrated"));
        if (model.has("horizonDays")) m.set("horizonDays", model.get("horizonDays"));
        return m;
    }

    private ObjectNode journey(JourneyRun run, List<MessageRecord> messages) {
        ObjectNode j = Json.object();
        j.put("journey", run.journey());
        j.put("executionName", run.executionName());
        Optional<JourneyExecution> execution = run.executionName() == null
                ? Optional.empty()
                : executions.execution(run.journey(), run.executionName());
        j.put("status", execution.map(e -> e.status().name()).orElse(run.status()));
        String state = null;
        Instant since = run.startedAt();
        if (execution.isPresent() && execution.get().status() == JourneyExecution.Status.RUNNING) {
            List<JourneyExecution.StateEvent> ev = execution.get().events();
            for (int i = ev.size() - 1; i >= 0; i--) {
                if (ev.get(i).entered()) {
                    state = ev.get(i).state();
                    since = ev.get(i).at();
                    break;
                }
            }
        } else if (execution.isPresent()) {
            since = execution.get().stoppedAt();
        } else if (run.endedAt() != null) {
            since = run.endedAt();
        }
        j.put("state", state);
        j.put("since", str(since));
        boolean running = execution
                .map(e -> e.status() == JourneyExecution.Status.RUNNING)
                .orElse(run.active());
        j.set("nextSend", running ? nextSend(run, execution.orElse(null), messages) : Json.MAPPER.nullNode());
        return j;
    }

    private static JsonNode nextSend(JourneyRun run, JourneyExecution execution, List<MessageRecord> messages) {
        Set<String> dispatched = new java.util.HashSet<>();
        for (MessageRecord m : messages) if (!m.isPlan()) dispatched.add(m.messageId());
        MessageRecord next = null;
        for (MessageRecord m : messages) {
            if (!m.isPlan()
                    || !MessageRecord.PLANNED.equals(m.status())
                    || !run.executionName().equals(m.executionName())
                    || dispatched.contains(m.dispatchId())) continue;
            if (next == null || m.sendAt().isBefore(next.sendAt())) next = m;
        }
        if (next == null) return Json.MAPPER.nullNode();
        ObjectNode n = Json.object();
        n.put("step", next.step());
        n.put("channel", next.channel() == null ? null : next.channel().id());
        n.put("sendAt", str(next.sendAt()));
        JsonNode plan = Json.MAPPER.missingNode();
        if (execution != null && execution.lastOutput() != null) {
            try {
                plan = Json.parse(execution.lastOutput())
                        .path("steps")
                        .path(next.step())
                        .path("plan");
            } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
                // the plan's reasons are a courtesy: without them the send is still shown
            }
        }
        if (plan.has("suitability")) n.set("suitability", plan.get("suitability"));
        else n.putNull("suitability");
        n.set("reasons", plan.path("reasons").isArray() ? plan.get("reasons") : Json.MAPPER.createArrayNode());
        return n;
    }

    static ArrayNode timeline(List<CustomerEvent> history, List<MessageRecord> messages) {
        List<ObjectNode> items = new ArrayList<>();
        for (CustomerEvent e : history) {
            ObjectNode t = Json.object();
            t.put("at", e.time().toString());
            t.put("kind", "event");
            t.put("type", e.type());
            Object channel = e.data().get("channel");
            if (channel != null) t.put("channel", channel.toString());
            t.put("summary", summary(e));
            items.add(t);
        }
        for (MessageRecord m : messages) {
            if (m.isPlan()) continue;
            ObjectNode t = Json.object();
            t.put("at", str(m.sendAt() != null ? m.sendAt() : m.updatedAt()));
            t.put("kind", "message");
            t.put("type", m.journey() + "/" + m.step());
            if (m.channel() != null) t.put("channel", m.channel().id());
            t.put("status", m.status());
            StringBuilder s = new StringBuilder(
                    m.journey() + "/" + m.step() + " " + m.status().toLowerCase());
            if (m.channel() != null) s.append(" via ").append(m.channel().id());
            if (!m.outcomes().isEmpty())
                s.append(" (").append(String.join(", ", m.outcomes().keySet())).append(')');
            if (m.reason() != null) s.append(": ").append(m.reason());
            t.put("summary", s.toString());
            items.add(t);
        }
        items.sort(Comparator.comparing((ObjectNode t) ->
                        t.hasNonNull("at") ? Instant.parse(t.get("at").asText()) : Instant.MIN)
                .reversed());
        ArrayNode out = Json.MAPPER.createArrayNode();
        items.forEach(out::add);
        return out;
    }

    static String summary(CustomerEvent e) {
        StringBuilder s = new StringBuilder(e.type());
        String sep = " ";
        for (String f : SUMMARY_FIELDS) {
            Object v = e.data().get(f);
            if (v == null || v instanceof Map || v instanceof List) continue;
            s.append(sep).append(f).append('=').append(v);
            sep = ", ";
        }
        return s.toString();
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
