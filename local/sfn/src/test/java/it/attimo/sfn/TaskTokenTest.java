package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskTokenTest {
    private final List<TaskRequest> requests = new ArrayList<>();
    private final Harness h = new Harness(r -> {
        requests.add(r);
        return Harness.json("{\"ignored\":true}");
    });

    TaskTokenTest() {
        h.executor.register(
                Harness.SM_ARN,
                AslParser.parse(
                        Harness.fixture("wait-for-callback.asl.json"),
                        Map.of("ParkFunction", "arn:aws:lambda:eu-south-1:123456789012:function:park")));
    }

    @Test
    void theTokenReachesTheInvokerThroughTheContextObjectAndSuccessResumes() {
        String arn = h.start("{\"customer\":\"c-1\",\"giveUpAfter\":3600}");
        h.executor.drain();

        assertThat(h.executor.describe(arn).status()).isEqualTo(ExecutionStatus.RUNNING);
        TaskRequest request = requests.get(0);
        String token = request.taskToken().orElseThrow();
        assertThat(request.payload().get("token").asText()).isEqualTo(token);
        assertThat(request.waitsForTaskToken()).isTrue();
        assertThat(h.executor.parkedTokens(arn)).containsExactly(token);

        h.clock.advanceTo(Harness.T0.plusSeconds(120));
        h.executor.sendTaskSuccess(token, "{\"type\":\"purchase\"}");
        assertThat(h.executor.describe(arn).status()).as("send only enqueues").isEqualTo(ExecutionStatus.RUNNING);
        h.executor.drain();

        ExecutionDescription d = h.executor.describe(arn);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output())
                .contains(
                        Harness.json("{\"customer\":\"c-1\",\"giveUpAfter\":3600,\"event\":{\"type\":\"purchase\"}}"));
        assertThat(d.stopDate()).contains(Harness.T0.plusSeconds(120));
    }

    @Test
    void failureFailsTheTaskWithTheGivenError() {
        String arn = h.start("{\"customer\":\"c-1\",\"giveUpAfter\":3600}");
        h.executor.drain();

        h.executor.sendTaskFailure(requests.get(0).taskToken().orElseThrow(), "Journey.Aborted", "opted out");
        h.executor.drain();

        assertThat(h.executor.describe(arn).error()).contains("Journey.Aborted");
        assertThat(h.executor.describe(arn).cause()).contains("opted out");
    }

    @Test
    void timeoutSecondsPathFiresStatesTimeoutAtTheRightInstantAndCatchRoutesIt() {
        String arn = h.start("{\"customer\":\"c-1\",\"giveUpAfter\":500}");
        h.executor.drain();
        assertThat(h.executor.nextDue()).contains(Harness.T0.plusSeconds(500));

        h.executor.runToCompletion(h.clock);

        ExecutionDescription d = h.executor.describe(arn);
        assertThat(d.stopDate()).contains(Harness.T0.plusSeconds(500));
        assertThat(d.output().orElseThrow().get("outcome").asText()).isEqualTo("gave-up");
        assertThat(d.output().orElseThrow().at("/timeout/Error").asText()).isEqualTo("States.Timeout");
        assertThat(h.types(arn)).contains("TaskTimedOut");
    }

    @Test
    void missingHeartbeatRaisesHeartbeatTimeoutAndHeartbeatsPostponeIt() {
        String quiet = h.start("{\"customer\":\"c-1\",\"giveUpAfter\":86400}");
        String chatty = h.start("{\"customer\":\"c-2\",\"giveUpAfter\":86400}");
        h.executor.drain();
        String chattyToken = h.executor.parkedTokens(chatty).get(0);

        h.clock.advanceTo(Harness.T0.plusSeconds(500));
        h.executor.sendTaskHeartbeat(chattyToken);
        h.clock.advanceTo(Harness.T0.plusSeconds(600));
        h.executor.drain();

        assertThat(h.executor.describe(quiet).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.executor.describe(quiet).error()).contains("States.HeartbeatTimeout");
        assertThat(h.executor.describe(chatty).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(h.executor.nextDue()).contains(Harness.T0.plusSeconds(1100));
        h.clock.advanceTo(Harness.T0.plusSeconds(1100));
        h.executor.drain();
        assertThat(h.executor.describe(chatty).error()).contains("States.HeartbeatTimeout");
    }

    @Test
    void aClosedTokenIsTaskTimedOutAndGarbageIsInvalidToken() {
        String arn = h.start("{\"customer\":\"c-1\",\"giveUpAfter\":3600}");
        h.executor.drain();
        String token = h.executor.parkedTokens(arn).get(0);
        h.executor.sendTaskSuccess(token, "{}");
        h.executor.drain();

        assertThatThrownBy(() -> h.executor.sendTaskSuccess(token, "{}")).isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> h.executor.sendTaskHeartbeat(token)).isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> h.executor.sendTaskSuccess("not-a-token", "{}"))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> h.executor.sendTaskFailure(TaskTokens.create("arn:unknown", 1, 1), "E", "c"))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aTokenIsUniquePerTaskEntry() {
        String first = h.start("{\"customer\":\"c-1\",\"giveUpAfter\":3600}");
        String second = h.start("{\"customer\":\"c-2\",\"giveUpAfter\":3600}");
        h.executor.drain();
        assertThat(h.executor.parkedTokens(first)).doesNotContainAnyElementsOf(h.executor.parkedTokens(second));
    }

    @Test
    void tokensParkedInBranchesCancelledByAFailingSiblingAreClosed() {
        Harness branches = new Harness(r -> null).register("""
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
            {"StartAt":"Park","States":{"Park":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"f"},"End":true}}},
            {"StartAt":"Check","States":{"Check":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters":{"FunctionName":"g"},"Next":"Finished"},
              "Finished":{"Type":"Fail","Error":"Journey.Finished","Cause":"done early"}}}],
          "Catch":[{"ErrorEquals":["Journey.Finished"],"ResultPath":"$.end","Next":"Evaluate"}],"End":true},
          "Evaluate":{"Type":"Pass","End":true}}}""");
        String arn = branches.start("{}");
        branches.executor.drain();
        List<String> tokens = branches.executor.parkedTokens(arn);
        assertThat(tokens).hasSize(2);

        branches.executor.sendTaskSuccess(tokens.get(1), "{}");
        branches.executor.drain();

        assertThat(branches.executor
                        .describe(arn)
                        .output()
                        .orElseThrow()
                        .at("/end/Error")
                        .asText())
                .isEqualTo("Journey.Finished");
        assertThatThrownBy(() -> branches.executor.sendTaskSuccess(tokens.get(0), "{}"))
                .isInstanceOf(TaskTimedOutException.class);
    }
}
