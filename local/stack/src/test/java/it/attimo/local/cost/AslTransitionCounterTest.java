package it.attimo.local.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.local.cost.ExecutionPath.LambdaTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AslTransitionCounterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Plan (Task, Retry + Catch to an error handler) -> Skipped? (Choice: Done, or) -> Pause (Wait) -> Both (Parallel:
     * Send | Park -> timeout -> Nudge -> Stop, a Fail the Parallel catches by name) -> Done. Cleanup and Failed are
     * the error handling.
     */
    private static final String HAND_WRITTEN = """
            {
              "StartAt": "Plan",
              "States": {
                "Plan": {
                  "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "${Fn}", "Payload": {"action": "plan", "channel": "email"}},
                  "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Cleanup"}],
                  "Next": "Skipped?"
                },
                "Skipped?": {
                  "Type": "Choice",
                  "Choices": [{"Variable": "$.skip", "BooleanEquals": true, "Next": "Done"}],
                  "Default": "Pause"
                },
                "Pause": {"Type": "Wait", "Seconds": 60, "Next": "Both"},
                "Both": {
                  "Type": "Parallel",
                  "Branches": [
                    {"StartAt": "Send", "States": {
                      "Send": {"Type": "Task", "Resource": "arn:aws:lambda:eu-south-1:1:function:Send", "End": true}}},
                    {"StartAt": "Park", "States": {
                      "Park": {
                        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                        "Parameters": {"FunctionName": "${Fn}", "Payload": {"action": "park"}},
                        "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Nudge"}],
                        "Next": "Parked"
                      },
                      "Nudge": {"Type": "Pass", "Next": "Stop"},
                      "Stop": {"Type": "Fail", "Error": "Demo.Stop"},
                      "Parked": {"Type": "Succeed"}}}
                  ],
                  "Catch": [
                    {"ErrorEquals": ["Demo.Stop"], "Next": "Done"},
                    {"ErrorEquals": ["States.ALL"], "Next": "Cleanup"}
                  ],
                  "Next": "Done"
                },
                "Done": {"Type": "Succeed"},
                "Cleanup": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "Next": "Failed"},
                "Failed": {"Type": "Fail", "Error": "Demo.Failed"}
              }
            }
            """;

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static JsonNode projectAsl(String file) throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("statemachines"))) dir = dir.getParent();
        return JSON.readTree(Files.readString(dir.resolve("statemachines").resolve(file)));
    }

    @Test
    void theLongestPathTakesTheWaitTheTimeoutBranchAndTheNamedFailButNoErrorHandler() throws Exception {
        ExecutionPath path = new AslTransitionCounter(1, 1).longest(json(HAND_WRITTEN));
        // Plan, Skipped?, Pause, Both, Send | Park, Nudge, Stop (3, longer than Park, Parked), Done
        assertThat(path.states())
                .containsExactly("Plan", "Skipped?", "Pause", "Both", "Send", "Park", "Nudge", "Stop", "Done");
        assertThat(path.transitions()).isEqualTo(9);
        assertThat(path.waitStates()).isEqualTo(1);
        assertThat(path.lambdaInvocations()).isEqualTo(3);
        assertThat(path.waitForTaskTokenTasks()).isEqualTo(1);
        assertThat(path.serviceTasks()).isZero();
        assertThat(path.lambdaTasks())
                .containsExactly(
                        new LambdaTask("Plan", "${Fn}", "plan", "email", false),
                        new LambdaTask("Send", "arn:aws:lambda:eu-south-1:1:function:Send", null, null, false),
                        new LambdaTask("Park", "${Fn}", "park", null, true));
        assertThat(path.lambdaTasksByAction()).isEqualTo(Map.of("-", 1, "park", 1, "plan", 1));
    }

    @Test
    void theShortestPathLeavesAtTheChoice() throws Exception {
        ExecutionPath path = new AslTransitionCounter(1, 1).shortest(json(HAND_WRITTEN));
        assertThat(path.states()).containsExactly("Plan", "Skipped?", "Done");
        assertThat(path.lambdaInvocations()).isEqualTo(1);
    }

    @Test
    void anErrorHandlerIsFollowedWhenItIsTheOnlyWayOnAndAFailStateAtTheTopIsNoEnd() throws Exception {
        String onlyFailing = """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "f"},
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}], "Next": "Boom"},
                  "B": {"Type": "Succeed"},
                  "Boom": {"Type": "Fail", "Error": "X"}}}
                """;
        assertThatThrownBy(() -> new AslTransitionCounter(1, 1).longest(json(onlyFailing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no path");
    }

    @Test
    void loopPassesBoundHowOftenALoopIsTakenAgain() throws Exception {
        String loop = """
                {"StartAt": "Check", "States": {
                  "Check": {"Type": "Pass", "Next": "Done?"},
                  "Done?": {"Type": "Choice",
                            "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Finished"}],
                            "Default": "Await"},
                  "Await": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                            "Parameters": {"FunctionName": "f", "Payload": {"action": "park"}},
                            "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "TimedOut"}],
                            "Next": "Check"},
                  "Finished": {"Type": "Succeed"},
                  "TimedOut": {"Type": "Succeed"}}}
                """;
        // once round: Check, Done?, Await, timeout, TimedOut
        assertThat(new AslTransitionCounter(1, 1).longest(json(loop)).transitions())
                .isEqualTo(4);
        // three times round, the last Await times out: 3 x 3 + TimedOut
        ExecutionPath thrice = new AslTransitionCounter(3, 1).longest(json(loop));
        assertThat(thrice.transitions()).isEqualTo(10);
        assertThat(thrice.waitForTaskTokenTasks()).isEqualTo(3);
    }

    @Test
    void aMapRunsItsProcessorOncePerItemAndAServiceTaskIsNoLambdaInvocation() throws Exception {
        String map = """
                {"StartAt": "Each", "States": {
                  "Each": {"Type": "Map", "End": true,
                           "ItemProcessor": {"StartAt": "Put", "States": {
                             "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "Next": "Call"},
                             "Call": {"Type": "Task", "Resource": "${SomeFunctionArn}", "End": true}}}}}}
                """;
        ExecutionPath path = new AslTransitionCounter(1, 4).longest(json(map));
        assertThat(path.transitions()).isEqualTo(1 + 4 * 2);
        assertThat(path.serviceTasks()).isEqualTo(4);
        assertThat(path.lambdaInvocations()).isEqualTo(4);
        assertThat(path.lambdaTasks()).allSatisfy(t -> assertThat(t.function()).isEqualTo("${SomeFunctionArn}"));
    }

    @Test
    void aMalformedDefinitionIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> new AslTransitionCounter(1, 1)
                        .longest(json("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"Nope\"}}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Nope");
        assertThatThrownBy(() -> new AslTransitionCounter(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void postPurchaseSendsSixMessagesEachAWaitAndADispatchThatPlansTheNextThenCompletes() throws Exception {
        JsonNode asl = projectAsl("post-purchase.asl.json");
        AslTransitionCounter counter = new AslTransitionCounter(4, 1);
        ExecutionPath path = counter.longest(asl);
        // the welcome's plan, 6 x (wait, dispatch), RecordCompleted ending the run; no loop, so the passes do not
        // matter, and no branch: a skipped plan goes through its Wait and dispatch too
        assertThat(path.transitions()).isEqualTo(14);
        assertThat(path.waitStates()).isEqualTo(6);
        assertThat(path.lambdaTasksByAction()).isEqualTo(Map.of("plan", 1, "dispatch", 6, "complete", 1));
        // five dispatches plan the next send in the same invocation
        assertThat(path.alsoDoneByAction()).isEqualTo(Map.of("plan", 5));
        assertThat(path.waitForTaskTokenTasks()).isZero();
        assertThat(path.states()).doesNotContain("RecordAborted", "JourneyAborted", "Completed");
        assertThat(new AslTransitionCounter(1, 1).longest(asl)).isEqualTo(path);
        assertThat(counter.shortest(asl).transitions()).isEqualTo(14);
    }

    @Test
    void onboardingRunsItsSevenBranchesAndTheMilestoneLoopWithinPlausibleBounds() throws Exception {
        JsonNode asl = projectAsl("onboarding-72h.asl.json");
        ExecutionPath once = new AslTransitionCounter(1, 1).longest(asl);
        ExecutionPath fourTimes = new AslTransitionCounter(4, 1).longest(asl);
        // 6 planned touchpoints (reminder, support email, key-module SMS + email, case study, recovery)
        assertThat(fourTimes.lambdaTasksByAction()).containsEntry("plan", 6).containsEntry("dispatch", 6);
        assertThat(fourTimes.lambdaTasks())
                .filteredOn(t -> "dispatch".equals(t.action()) && "sms".equals(t.channel()))
                .hasSize(1);
        // 6 parks outside the loop, one more per milestone pass
        assertThat(once.waitForTaskTokenTasks()).isEqualTo(7);
        assertThat(fourTimes.waitForTaskTokenTasks()).isEqualTo(10);
        // each extra pass of the milestone watch is the one park state, which also does the progress check
        assertThat(fourTimes.transitions() - once.transitions()).isEqualTo(3);
        assertThat(fourTimes.alsoDoneByAction()).isEqualTo(Map.of("progress", 4));
        // 8 Wait states: 6 before sends, the first day, the window's end
        assertThat(fourTimes.waitStates()).isEqualTo(8);
        assertThat(fourTimes.transitions()).isBetween(30, 45);
        assertThat(fourTimes.states()).doesNotContain("RecordAborted", "JourneyAborted");
        assertThat(fourTimes.states()).containsOnlyOnce("Onboarding", "Timeline");
    }
}
