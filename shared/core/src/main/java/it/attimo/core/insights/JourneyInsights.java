package it.attimo.core.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.analytics.AnalyticsQueries.Answer;
import it.attimo.core.analytics.AnalyticsQueries.Csv;
import it.attimo.core.analytics.AnalyticsQueries.Request;
import it.attimo.core.customer.Profile;
import it.attimo.core.error.NotFound;
import it.attimo.core.insights.StateVisits.Outcome;
import it.attimo.core.insights.StateVisits.Visit;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.JourneyDefinition;
import it.attimo.core.journey.Milestone;
import it.attimo.core.json.Json;
import it.attimo.core.port.JourneyExecutions;
import it.attimo.core.port.ProfileStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The journey map ({@code GET /insights/journeys}, {@code /insights/journeys/{journey}},
 * {@code /insights/journeys/{journey}/states/{state}/customers}): states and edges from the journey's ASL file
 * ({@link JourneyGraphs}), live counts from where each execution is ({@link JourneyExecutions}), read per request from
 * at most {@code maxExecutions} newest executions per journey (the answer says how many it read). Outcomes per state
 * are defined in {@link StateVisits}; times in a state are nearest-rank median and 90th percentile, in seconds, over
 * the visits that ended.
 */
public final class JourneyInsights {
    public static final int DEFAULT_MAX_EXECUTIONS = 2000;
    private static final List<String> JOURNEY_COLUMNS =
            List.of("journey", "trigger", "states", "running", "completed", "failed", "stopped", "executions");
    private static final List<String> STATE_COLUMNS = List.of(
            "name",
            "type",
            "waiting",
            "entered",
            "completed",
            "exitedEarly",
            "failed",
            "medianSeconds",
            "p90Seconds",
            "milestone",
            "momentOfTruth",
            "step");
    private static final List<String> CUSTOMER_COLUMNS = List.of("customerId", "executionName", "tier", "since");

    private final JourneyCatalog catalog;
    private final JourneyGraphs graphs;
    private final JourneyExecutions executions;
    private final ProfileStore profiles;
    private final Clock clock;
    private final int maxExecutions;

    public JourneyInsights(
            JourneyCatalog catalog,
            JourneyGraphs graphs,
            JourneyExecutions executions,
            ProfileStore profiles,
            Clock clock,
            int maxExecutions) {
        this.catalog = catalog;
        this.graphs = graphs;
        this.executions = executions;
        this.profiles = profiles;
        this.clock = clock;
        this.maxExecutions = maxExecutions;
    }

    /** {@code GET /insights/journeys}. */
    public Answer journeys(String rawQuery, String accept) {
        Request q = new Request(rawQuery, accept, Set.of());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JourneyDefinition j : catalog.all()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("journey", j.name());
            row.put("trigger", j.triggerType());
            row.put("states", graphs.of(j).states().size());
            Map<JourneyExecution.Status, Integer> byStatus = new EnumMap<>(JourneyExecution.Status.class);
            List<JourneyExecution> list = executions.executions(j.name(), maxExecutions);
            for (JourneyExecution e : list) byStatus.merge(e.status(), 1, Integer::sum);
            row.put("running", byStatus.getOrDefault(JourneyExecution.Status.RUNNING, 0));
            row.put("completed", byStatus.getOrDefault(JourneyExecution.Status.SUCCEEDED, 0));
            row.put(
                    "failed",
                    byStatus.getOrDefault(JourneyExecution.Status.FAILED, 0)
                            + byStatus.getOrDefault(JourneyExecution.Status.TIMED_OUT, 0));
            row.put("stopped", byStatus.getOrDefault(JourneyExecution.Status.ABORTED, 0));
            row.put("executions", list.size());
            rows.add(row);
        }
        if (q.csv()) return csv(JOURNEY_COLUMNS, rows, "journeys.csv");
        ObjectNode out = Json.object();
        out.put("generatedAt", clock.instant().toString());
        ArrayNode list = out.putArray("journeys");
        rows.forEach(r -> list.add(Json.valueToTree(r)));
        return json(out);
    }

    /** {@code GET /insights/journeys/{journey}}. */
    public Answer journey(String name, String rawQuery, String accept) {
        Request q = new Request(rawQuery, accept, Set.of());
        JourneyDefinition journey = require(name);
        AslGraph graph = graphs.of(journey);
        List<JourneyExecution> list = executions.executions(name, maxExecutions);
        Map<String, List<Visit>> visits = new HashMap<>();
        Map<String, Integer> edges = new HashMap<>();
        for (JourneyExecution e : list) {
            for (Visit v : StateVisits.of(graph, e)) {
                visits.computeIfAbsent(v.state(), s -> new ArrayList<>()).add(v);
                if (v.next() != null) edges.merge(v.state() + "\u0000" + v.next(), 1, Integer::sum);
            }
        }
        Map<String, Milestone> milestoneByStep = new HashMap<>();
        for (Milestone m : journey.milestones()) if (m.step() != null) milestoneByStep.put(m.step(), m);
        List<Map<String, Object>> states = new ArrayList<>();
        for (AslGraph.State s : graph.states()) {
            List<Visit> vs = visits.getOrDefault(s.name(), List.of());
            Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
            List<Long> seconds = new ArrayList<>();
            for (Visit v : vs) {
                counts.merge(v.outcome(), 1, Integer::sum);
                if (v.outcome() != Outcome.WAITING && v.seconds() != null) seconds.add(v.seconds());
            }
            seconds.sort(Comparator.naturalOrder());
            Milestone milestone = milestoneState(s) ? milestoneByStep.get(s.step()) : null;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", s.name());
            row.put("type", s.type());
            row.put("waiting", counts.getOrDefault(Outcome.WAITING, 0));
            row.put("entered", vs.size());
            row.put("completed", counts.getOrDefault(Outcome.COMPLETED, 0));
            row.put("exitedEarly", counts.getOrDefault(Outcome.EXITED_EARLY, 0));
            row.put("failed", counts.getOrDefault(Outcome.FAILED, 0));
            row.put("medianSeconds", percentile(seconds, 0.5));
            row.put("p90Seconds", percentile(seconds, 0.9));
            row.put("milestone", milestone != null);
            row.put("momentOfTruth", milestone != null && milestone.momentOfTruth());
            row.put("step", s.step());
            states.add(row);
        }
        if (q.csv()) return csv(STATE_COLUMNS, states, "journey-" + name + ".csv");
        ObjectNode out = Json.object();
        out.put("journey", name);
        out.put("startAt", graph.startAt());
        out.put("generatedAt", clock.instant().toString());
        out.put("executions", list.size());
        out.put("normalEnd", graph.normalEnd());
        ArrayNode stateList = out.putArray("states");
        states.forEach(r -> stateList.add(Json.valueToTree(r)));
        ArrayNode transitions = out.putArray("transitions");
        for (AslGraph.Edge e : graph.edges()) {
            transitions
                    .addObject()
                    .put("from", e.from())
                    .put("to", e.to())
                    .put("kind", e.kind())
                    .put("count", edges.getOrDefault(e.from() + "\u0000" + e.to(), 0));
        }
        ArrayNode dropOff = out.putArray("dropOff");
        for (DropOff d : dropOffs(journey, graph, visits)) {
            ObjectNode n = dropOff.addObject()
                    .put("from", d.from())
                    .put("to", d.to())
                    .put("fromState", d.fromState())
                    .put("toState", d.toState())
                    .put("entered", d.entered())
                    .put("reached", d.reached());
            if (d.entered() == 0) n.putNull("rate");
            else n.put("rate", d.rate());
        }
        return json(out);
    }

    /** {@code GET /insights/journeys/{journey}/states/{state}/customers}: who is in the state now, longest first. */
    public Answer customersInState(String name, String state, String rawQuery, String accept) {
        Request q = new Request(rawQuery, accept, Set.of());
        JourneyDefinition journey = require(name);
        AslGraph graph = graphs.of(journey);
        if (graph.state(state).isEmpty())
            throw new NotFound("journey '" + name + "' has no state '" + state + "' (states: "
                    + String.join(", ", graph.stateNames()) + ")");
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        boolean everything = q.csv() && !q.has("limit");
        int limit = everything ? Integer.MAX_VALUE : q.integer("limit", 100, 1, 1000);
        List<Object[]> waiting = new ArrayList<>();
        for (JourneyExecution e : executions.executions(name, maxExecutions)) {
            List<Visit> vs = StateVisits.of(graph, e);
            if (vs.isEmpty()) continue;
            Visit lastVisit = vs.get(vs.size() - 1);
            if (lastVisit.outcome() == Outcome.WAITING && lastVisit.state().equals(state))
                waiting.add(new Object[] {e, lastVisit});
        }
        waiting.sort(Comparator.comparing(o -> ((Visit) o[1]).entered()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = offset; i < waiting.size() && rows.size() < limit; i++) {
            JourneyExecution e = (JourneyExecution) waiting.get(i)[0];
            Visit v = (Visit) waiting.get(i)[1];
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("customerId", e.customerId());
            row.put("executionName", e.executionName());
            row.put(
                    "tier",
                    e.customerId() == null
                            ? null
                            : profiles.find(e.customerId()).map(Profile::tier).orElse(null));
            row.put("since", v.entered().toString());
            rows.add(row);
        }
        if (q.csv()) return csv(CUSTOMER_COLUMNS, rows, "journey-" + name + "-" + state + "-customers.csv");
        ObjectNode out = Json.object();
        out.put("journey", name);
        out.put("state", state);
        out.put("total", waiting.size());
        out.put("offset", offset);
        out.put("limit", everything ? waiting.size() : limit);
        ArrayNode list = out.putArray("customers");
        rows.forEach(r -> list.add(Json.valueToTree(r)));
        return json(out);
    }

    /**
     * Drop-off between consecutive step milestones: {@code entered} executions completed the first milestone's
     * dispatch, {@code reached} also the next one's.
     */
    public record DropOff(
            String journey, String from, String to, String fromState, String toState, int entered, int reached) {
        /** (entered − reached) / entered; 0 when nobody entered. */
        public double rate() {
            return entered == 0 ? 0 : Math.max(0, entered - reached) / (double) entered;
        }
    }

    /** The drop-offs of every journey among the executions started in [{@code from}, {@code to}). */
    public List<DropOff> dropOffs(java.time.Instant from, java.time.Instant to) {
        List<DropOff> out = new ArrayList<>();
        for (JourneyDefinition j : catalog.all()) {
            AslGraph graph = graphs.of(j);
            Map<String, List<Visit>> visits = new HashMap<>();
            for (JourneyExecution e : executions.executions(j.name(), maxExecutions)) {
                if (e.startedAt() == null
                        || e.startedAt().isBefore(from)
                        || !e.startedAt().isBefore(to)) continue;
                for (Visit v : StateVisits.of(graph, e))
                    visits.computeIfAbsent(v.state(), s -> new ArrayList<>()).add(v);
            }
            out.addAll(dropOffs(j, graph, visits));
        }
        return out;
    }

    private static List<DropOff> dropOffs(JourneyDefinition journey, AslGraph graph, Map<String, List<Visit>> visits) {
        List<String[]> milestoneStates = new ArrayList<>();
        for (Milestone m : journey.milestones()) {
            if (m.step() == null) continue;
            graph.states().stream()
                    .filter(s -> milestoneState(s) && m.step().equals(s.step()))
                    .findFirst()
                    .ifPresent(s -> milestoneStates.add(new String[] {m.name(), s.name()}));
        }
        List<DropOff> out = new ArrayList<>();
        for (int i = 0; i + 1 < milestoneStates.size(); i++) {
            String[] from = milestoneStates.get(i);
            String[] to = milestoneStates.get(i + 1);
            out.add(new DropOff(
                    journey.name(),
                    from[0],
                    to[0],
                    from[1],
                    to[1],
                    passed(visits.get(from[1])),
                    passed(visits.get(to[1]))));
        }
        return out;
    }

    JourneyDefinition require(String name) {
        return catalog.journey(name)
                .orElseThrow(() -> new NotFound(
                        "no journey '" + name + "' (journeys: " + String.join(", ", catalog.names()) + ")"));
    }

    /** The state where a step's milestone is reached: its dispatch task (the plan task only decides when). */
    private static boolean milestoneState(AslGraph.State s) {
        return s.step() != null && "dispatch".equals(s.action());
    }

    /** Visits that left the state normally. */
    private static int passed(List<Visit> visits) {
        if (visits == null) return 0;
        int n = 0;
        for (Visit v : visits) if (v.outcome() == Outcome.COMPLETED) n++;
        return n;
    }

    static Long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) return null;
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static Answer json(ObjectNode out) {
        return new Answer(Answer.JSON, out.toString(), null);
    }

    private static Answer csv(List<String> columns, List<Map<String, Object>> rows, String filename) {
        return new Answer(Answer.CSV, Csv.write(columns, rows), filename);
    }
}
