package it.attimo.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.analytics.AnalyticsQueries.Answer;
import it.attimo.core.customer.Profile;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import it.attimo.core.insights.JourneyExecution.StateEvent;
import it.attimo.core.insights.JourneyExecution.Status;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.json.Json;
import it.attimo.core.port.JourneyExecutions;
import it.attimo.core.testing.InMemoryProfileStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JourneyInsightsTest {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final String PP = "post-purchase";

    final JourneyGraphs graphs = JourneyGraphs.besideOrBundled(null);
    final AslGraph postPurchase = graphs.of(JourneyCatalog.defaults().require(PP));
    final FakeExecutions executions = new FakeExecutions();
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    JourneyInsights insights;

    @BeforeEach
    void setUp() {
        insights = new JourneyInsights(
                JourneyCatalog.defaults(),
                graphs,
                executions,
                profiles,
                Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC),
                100);
        // e1 waits for the welcome
        executions.add(
                PP,
                "e1",
                "c1",
                Status.RUNNING,
                null,
                path(T0, 60, "PlanWelcome"),
                open("WaitForWelcome", T0.plusSeconds(60)));
        // e2 ran the main line to its end
        List<String> main = new ArrayList<>(postPurchase.mainLine());
        executions.add(
                PP,
                "e2",
                "c2",
                Status.SUCCEEDED,
                T0.plusSeconds(60L * main.size()),
                path(T0, 60, main.toArray(String[]::new)));
        // e3: the plan failed, caught, recorded, and the journey failed
        List<StateEvent> e3 = new ArrayList<>(open("PlanWelcome", T0));
        e3.addAll(path(T0.plusSeconds(30), 10, "RecordAborted"));
        e3.addAll(open("JourneyAborted", T0.plusSeconds(40)));
        executions.add(PP, "e3", "c3", Status.FAILED, T0.plusSeconds(40), e3);
        // e4: stopped while it waited for the welcome
        executions.add(
                PP,
                "e4",
                "c4",
                Status.ABORTED,
                T0.plusSeconds(500),
                path(T0, 60, "PlanWelcome"),
                open("WaitForWelcome", T0.plusSeconds(60)));
        // e5: welcomed, waits for the tutorial (entered the welcome milestone, not the tutorial one yet)
        executions.add(
                PP,
                "e5",
                "c5",
                Status.RUNNING,
                null,
                path(T0, 60, "PlanWelcome", "WaitForWelcome", "DispatchWelcome"),
                open("WaitForTutorial", T0.plusSeconds(180)));
        profiles.save(withTier(Profile.empty("c1"), "warm"), 0);
    }

    @Test
    void theMapHasTheAslStatesEdgesAndConsistentCounts() {
        JsonNode map = json(insights.journey(PP, null, null));
        assertThat(map.path("journey").asText()).isEqualTo(PP);
        assertThat(map.path("startAt").asText()).isEqualTo("PlanWelcome");
        List<String> names = new ArrayList<>();
        map.path("states").forEach(s -> names.add(s.path("name").asText()));
        assertThat(names).isEqualTo(postPurchase.stateNames());
        Map<String, JsonNode> byName = new HashMap<>();
        map.path("states").forEach(s -> byName.put(s.path("name").asText(), s));
        for (JsonNode s : map.path("states")) {
            int sum = s.path("waiting").asInt()
                    + s.path("completed").asInt()
                    + s.path("exitedEarly").asInt()
                    + s.path("failed").asInt();
            assertThat(sum)
                    .as(s.path("name").asText())
                    .isEqualTo(s.path("entered").asInt());
        }
        JsonNode plan = byName.get("PlanWelcome");
        assertThat(plan.path("entered").asInt()).isEqualTo(5);
        assertThat(plan.path("completed").asInt()).isEqualTo(4);
        assertThat(plan.path("failed").asInt()).isEqualTo(1);
        assertThat(plan.path("medianSeconds").asLong()).isEqualTo(60);
        assertThat(plan.path("step").asText()).isEqualTo("welcome");
        assertThat(plan.path("milestone").asBoolean()).isFalse();
        assertThat(byName.get("WaitForWelcome").path("waiting").asInt()).isEqualTo(1);
        assertThat(byName.get("WaitForWelcome").path("medianSeconds").asLong()).isEqualTo(60);
        assertThat(byName.get("WaitForWelcome").path("exitedEarly").asInt()).isEqualTo(1);
        assertThat(byName.get("JourneyAborted").path("failed").asInt()).isEqualTo(1);
        // the journey's last Task ends the run (End: true)
        assertThat(byName.get("RecordCompleted").path("completed").asInt()).isEqualTo(1);
        assertThat(byName.get("RecordCompleted").path("p90Seconds").asLong()).isEqualTo(60);
        assertThat(byName.get("RecordCompleted").path("step").isNull()).isTrue();
        assertThat(byName.get("Completed").path("entered").asInt()).isZero();
        JsonNode dispatch = byName.get("DispatchWelcome");
        assertThat(dispatch.path("milestone").asBoolean()).isTrue();
        assertThat(dispatch.path("momentOfTruth").asBoolean()).isTrue();
        assertThat(byName.get("DispatchTutorial").path("momentOfTruth").asBoolean())
                .isFalse();
        assertThat(byName.get("DispatchTutorial").path("milestone").asBoolean()).isTrue();

        assertThat(count(map, "PlanWelcome", "WaitForWelcome")).isEqualTo(4);
        assertThat(count(map, "PlanWelcome", "RecordAborted")).isEqualTo(1);
        assertThat(count(map, "DispatchWelcome", "WaitForTutorial")).isEqualTo(2);
        assertThat(count(map, "RecordCompleted", "Completed")).isZero();
        assertThat(map.path("transitions").size())
                .isEqualTo(postPurchase.edges().size());

        JsonNode first = map.path("dropOff").get(0);
        assertThat(first.path("from").asText()).isEqualTo("welcome");
        assertThat(first.path("to").asText()).isEqualTo("tutorial");
        assertThat(first.path("entered").asInt()).isEqualTo(2);
        assertThat(first.path("reached").asInt()).isEqualTo(1);
        assertThat(first.path("rate").asDouble()).isEqualTo(0.5);
        assertThat(map.path("dropOff").size()).isEqualTo(5);
        assertThat(map.path("dropOff").get(4).path("rate").asDouble()).isEqualTo(0.0);
    }

    @Test
    void theJourneyListCountsExecutionsByStatus() {
        JsonNode list = json(insights.journeys(null, null));
        JsonNode pp = null;
        for (JsonNode j : list.path("journeys")) if (j.path("journey").asText().equals(PP)) pp = j;
        assertThat(list.path("journeys").size())
                .isEqualTo(JourneyCatalog.defaults().all().size());
        assertThat(pp.path("trigger").asText()).isEqualTo("order.delivered");
        assertThat(pp.path("states").asInt()).isEqualTo(postPurchase.states().size());
        assertThat(pp.path("running").asInt()).isEqualTo(2);
        assertThat(pp.path("completed").asInt()).isEqualTo(1);
        assertThat(pp.path("failed").asInt()).isEqualTo(1);
        assertThat(pp.path("stopped").asInt()).isEqualTo(1);
        Answer csv = insights.journeys("format=csv", null);
        assertThat(csv.csv()).isTrue();
        assertThat(csv.body()).startsWith("journey,trigger,states,running,completed,failed,stopped,executions\r\n");
        assertThat(csv.body())
                .contains(
                        "post-purchase,order.delivered," + postPurchase.states().size() + ",2,1,1,1,5");
    }

    @Test
    void theCustomersInAStateAreThoseWaitingThereWithTheirTier() {
        JsonNode in = json(insights.customersInState(PP, "WaitForWelcome", null, null));
        assertThat(in.path("total").asInt()).isEqualTo(1);
        JsonNode c = in.path("customers").get(0);
        assertThat(c.path("customerId").asText()).isEqualTo("c1");
        assertThat(c.path("executionName").asText()).isEqualTo("e1");
        assertThat(c.path("tier").asText()).isEqualTo("warm");
        assertThat(c.path("since").asText()).isEqualTo(T0.plusSeconds(60).toString());
        JsonNode none = json(insights.customersInState(PP, "Completed", "limit=5&offset=0", null));
        assertThat(none.path("total").asInt()).isZero();
        assertThat(none.path("customers").size()).isZero();
        JsonNode tutorial = json(insights.customersInState(PP, "WaitForTutorial", null, null));
        assertThat(tutorial.path("customers").get(0).path("tier").isNull()).isTrue();
        Answer csv = insights.customersInState(PP, "WaitForWelcome", null, "text/csv");
        assertThat(csv.body())
                .isEqualTo("customerId,executionName,tier,since\r\nc1,e1,warm," + T0.plusSeconds(60) + "\r\n");
        assertThat(insights.journey(PP, "format=csv", null).body()).startsWith("name,type,waiting,entered,");
    }

    @Test
    void unknownJourneysAndStatesAre404AndBadParameters400() {
        assertThatThrownBy(() -> insights.journey("nope", null, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> insights.customersInState("nope", "A", null, null))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> insights.customersInState(PP, "Nope", null, null))
                .isInstanceOf(NotFound.class)
                .hasMessageContaining("PlanWelcome");
        assertThatThrownBy(() -> insights.customersInState(PP, "WaitForWelcome", "limit=0", null))
                .isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> insights.journey(PP, "colour=red", null)).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> insights.journeys("format=xml", null)).isInstanceOf(BadRequest.class);
    }

    @Test
    void aSuccessOffTheMainLineIsAnEarlyExit() {
        AslGraph g = AslGraph.parse(
                "g",
                "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.x\","
                        + "\"BooleanEquals\":true,\"Next\":\"Early\"}],\"Default\":\"End\"},"
                        + "\"Early\":{\"Type\":\"Succeed\"},\"End\":{\"Type\":\"Succeed\"}}}");
        JourneyExecution early =
                new JourneyExecution("g", "x", "c", Status.SUCCEEDED, T0, T0.plusSeconds(2), path(T0, 1, "A", "Early"));
        List<StateVisits.Visit> visits = StateVisits.of(g, early);
        assertThat(visits)
                .extracting(StateVisits.Visit::outcome)
                .containsExactly(StateVisits.Outcome.COMPLETED, StateVisits.Outcome.EXITED_EARLY);
        assertThat(visits.get(0).next()).isEqualTo("Early");
        JourneyExecution normal =
                new JourneyExecution("g", "y", "c", Status.SUCCEEDED, T0, T0.plusSeconds(2), path(T0, 1, "A", "End"));
        assertThat(StateVisits.of(g, normal).get(1).outcome()).isEqualTo(StateVisits.Outcome.COMPLETED);
        // a succeeded execution whose last state has no exit event (a history cut short) ends by its stop
        JourneyExecution cut =
                new JourneyExecution("g", "z", "c", Status.SUCCEEDED, T0, T0.plusSeconds(5), open("Early", T0));
        StateVisits.Visit v = StateVisits.of(g, cut).get(0);
        assertThat(v.outcome()).isEqualTo(StateVisits.Outcome.EXITED_EARLY);
        assertThat(v.seconds()).isEqualTo(5);
        JourneyExecution cutAtEnd =
                new JourneyExecution("g", "w", "c", Status.SUCCEEDED, T0, T0.plusSeconds(5), open("End", T0));
        assertThat(StateVisits.of(g, cutAtEnd).get(0).outcome()).isEqualTo(StateVisits.Outcome.COMPLETED);
        assertThat(JourneyInsights.percentile(List.of(1L, 2L, 3L, 4L), 0.5)).isEqualTo(2L);
        assertThat(JourneyInsights.percentile(List.of(), 0.5)).isNull();
        assertThat(Status.of("PENDING_REDRIVE")).isEqualTo(Status.RUNNING);
        assertThat(Status.of("TIMED_OUT").failed()).isTrue();
    }

    // ---- helpers ----

    static List<StateEvent> path(Instant from, long secondsEach, String... states) {
        List<StateEvent> out = new ArrayList<>();
        Instant at = from;
        for (String s : states) {
            out.add(new StateEvent(s, true, at));
            at = at.plusSeconds(secondsEach);
            out.add(new StateEvent(s, false, at));
        }
        return out;
    }

    static List<StateEvent> open(String state, Instant at) {
        return List.of(new StateEvent(state, true, at));
    }

    static int count(JsonNode map, String from, String to) {
        for (JsonNode t : map.path("transitions"))
            if (t.path("from").asText().equals(from) && t.path("to").asText().equals(to))
                return t.path("count").asInt();
        throw new AssertionError("no edge " + from + " -> " + to);
    }

    static JsonNode json(Answer answer) {
        assertThat(answer.csv()).isFalse();
        try {
            return Json.parse(answer.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Profile withTier(Profile p, String tier) {
        return new Profile(
                p.customerId(),
                p.segment(),
                p.location(),
                p.locale(),
                p.tone(),
                p.consents(),
                42,
                tier,
                p.scoreBreakdown(),
                p.eventCounts(),
                p.firstSeen(),
                p.lastSeen(),
                p.journeys(),
                p.recentEvents(),
                p.outcomes(),
                p.scoredAt(),
                p.version(),
                p.churn());
    }

    static final class FakeExecutions implements JourneyExecutions {
        final List<JourneyExecution> all = new ArrayList<>();

        @SafeVarargs
        final void add(
                String journey,
                String name,
                String customer,
                Status status,
                Instant stopped,
                List<StateEvent>... parts) {
            List<StateEvent> events = new ArrayList<>();
            for (List<StateEvent> p : parts) events.addAll(p);
            all.add(0, new JourneyExecution(journey, name, customer, status, T0, stopped, events));
        }

        @Override
        public List<JourneyExecution> executions(String journey, int limit) {
            return all.stream()
                    .filter(e -> e.journey().equals(journey))
                    .limit(limit)
                    .toList();
        }

        @Override
        public Optional<JourneyExecution> execution(String journey, String executionName) {
            return all.stream()
                    .filter(e ->
                            e.journey().equals(journey) && e.executionName().equals(executionName))
                    .findFirst();
        }
    }
}
