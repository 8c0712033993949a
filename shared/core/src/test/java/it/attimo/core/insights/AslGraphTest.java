package it.attimo.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.JourneyDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AslGraphTest {
    static final Path STATE_MACHINES = Path.of("..", "..", "statemachines");

    @Test
    void everyJourneysGraphHasTheAslFilesStatesInFileOrder() throws Exception {
        JourneyGraphs graphs = JourneyGraphs.besideOrBundled(
                STATE_MACHINES.resolve("journeys.json").toString());
        JourneyGraphs bundled = JourneyGraphs.besideOrBundled(null);
        for (JourneyDefinition j : JourneyCatalog.defaults().all()) {
            JsonNode asl =
                    new ObjectMapper().readTree(STATE_MACHINES.resolve(j.asl()).toFile());
            List<String> names = new ArrayList<>();
            asl.get("States").fieldNames().forEachRemaining(names::add);
            assertThat(graphs.of(j).stateNames()).as(j.name()).isEqualTo(names);
            assertThat(bundled.of(j).stateNames()).as(j.name() + " bundled").isEqualTo(names);
            assertThat(graphs.of(j).startAt()).isEqualTo(asl.get("StartAt").asText());
        }
    }

    @Test
    void postPurchaseEdgesAndMainLine() throws Exception {
        AslGraph g =
                AslGraph.parse("post-purchase", Files.readString(STATE_MACHINES.resolve("post-purchase.asl.json")));
        // the last Task ends the run itself (End: true): Completed is left for a failed completion record
        assertThat(g.normalEnd()).isEqualTo("RecordCompleted");
        assertThat(g.mainLine())
                .containsExactly(
                        "PlanWelcome",
                        "WaitForWelcome",
                        "DispatchWelcome",
                        "WaitForTutorial",
                        "DispatchTutorial",
                        "WaitForContextual",
                        "DispatchContextual",
                        "WaitForSurvey",
                        "DispatchSurvey",
                        "WaitForAccessories",
                        "DispatchAccessories",
                        "WaitForRepurchase",
                        "DispatchRepurchase",
                        "RecordCompleted");
        assertThat(g.edges())
                .contains(
                        new AslGraph.Edge("PlanWelcome", "WaitForWelcome", "next"),
                        new AslGraph.Edge("PlanWelcome", "RecordAborted", "catch"),
                        new AslGraph.Edge("DispatchWelcome", "WaitForTutorial", "next"),
                        new AslGraph.Edge("RecordCompleted", "Completed", "catch"));
        assertThat(g.successors("PlanWelcome")).containsExactly("WaitForWelcome", "RecordAborted");
        assertThat(g.catchTargets("PlanWelcome")).containsExactly("RecordAborted");
        AslGraph.State dispatch = g.state("DispatchWelcome").orElseThrow();
        assertThat(dispatch.step()).isEqualTo("welcome");
        assertThat(dispatch.action()).isEqualTo("dispatch");
        assertThat(g.state("Completed").orElseThrow().terminal()).isTrue();
        assertThat(g.state("Nope")).isEmpty();
    }

    @Test
    void onboardingsFinishingSignalIsACatchByDesignNotAFailure() throws Exception {
        AslGraph g = AslGraph.parse("onboarding", Files.readString(STATE_MACHINES.resolve("onboarding-72h.asl.json")));
        assertThat(g.signal("Onboarding", "EvaluateFinished")).isTrue();
        assertThat(g.signal("Onboarding", "EvaluateWindowClosed")).isTrue();
        assertThat(g.signal("Onboarding", "RecordAborted")).isFalse();
        assertThat(g.normalEnd()).isEqualTo("EvaluateWindowClosed");
        JourneyExecution finished = new JourneyExecution(
                "onboarding-72h",
                "x",
                "c",
                JourneyExecution.Status.SUCCEEDED,
                JourneyInsightsTest.T0,
                JourneyInsightsTest.T0.plusSeconds(30),
                List.of(
                        new JourneyExecution.StateEvent("Onboarding", true, JourneyInsightsTest.T0),
                        new JourneyExecution.StateEvent("WaitPortalAccess", true, JourneyInsightsTest.T0),
                        new JourneyExecution.StateEvent(
                                "EvaluateFinished", true, JourneyInsightsTest.T0.plusSeconds(10)),
                        new JourneyExecution.StateEvent(
                                "EvaluateFinished", false, JourneyInsightsTest.T0.plusSeconds(20))));
        assertThat(StateVisits.of(g, finished))
                .extracting(StateVisits.Visit::state, StateVisits.Visit::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Onboarding", StateVisits.Outcome.EXITED_EARLY),
                        // the run ends in EvaluateFinished itself, not at the normal end (the window's evaluation)
                        org.assertj.core.groups.Tuple.tuple("EvaluateFinished", StateVisits.Outcome.EXITED_EARLY));
    }

    @Test
    void aMainLineEndingInFailHasNoNormalEndAndEndTrueIsAnEnd() {
        AslGraph failing = AslGraph.parse(
                "f",
                "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},\"B\":{\"Type\":\"Fail\"}}}");
        assertThat(failing.normalEnd()).isNull();
        AslGraph ending =
                AslGraph.parse("e", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}");
        assertThat(ending.normalEnd()).isEqualTo("A");
        AslGraph loop =
                AslGraph.parse("l", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"A\"}}}");
        assertThat(loop.normalEnd()).isNull();
    }

    @Test
    void refusesWhatIsNotAStateMachine() {
        assertThatThrownBy(() -> AslGraph.parse("x", "{")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> AslGraph.parse("x", "{\"StartAt\":\"A\",\"States\":{}}"))
                .hasMessageContaining("not a state machine");
    }
}
