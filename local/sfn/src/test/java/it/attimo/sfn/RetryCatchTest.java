package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryCatchTest {

    @Test
    void retriesWithExponentialBackoffOnTheVirtualClockThenCatches() {
        List<Instant> calls = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        Harness[] box = new Harness[1];
        box[0] = new Harness(r -> {
                    calls.add(box[0].clock.instant());
                    attempts.add(r.attempt());
                    throw new TaskFailedException("Transient", "attempt " + r.attempt());
                })
                .register("retry-backoff.asl.json");

        ExecutionDescription d = box[0].run("{\"id\":\"c-1\"}");

        assertThat(calls)
                .containsExactly(
                        Harness.T0, Harness.T0.plusSeconds(2), Harness.T0.plusSeconds(8), Harness.T0.plusSeconds(26));
        assertThat(attempts).containsExactly(0, 1, 2, 3);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output())
                .contains(
                        Harness.json("{\"id\":\"c-1\",\"failure\":{\"Error\":\"Transient\",\"Cause\":\"attempt 3\"}}"));
    }

    @Test
    void maxDelaySecondsCapsTheBackoff() {
        List<Instant> calls = new ArrayList<>();
        Harness[] box = new Harness[1];
        box[0] = new Harness(r -> {
                    calls.add(box[0].clock.instant());
                    throw new IllegalStateException("downstream unavailable");
                })
                .register("retry-maxdelay.asl.json");

        ExecutionDescription d = box[0].run("{}");

        assertThat(calls)
                .containsExactly(
                        Harness.T0,
                        Harness.T0.plusSeconds(10),
                        Harness.T0.plusSeconds(30),
                        Harness.T0.plusSeconds(55),
                        Harness.T0.plusSeconds(80));
        assertThat(d.error()).contains("java.lang.IllegalStateException");
        assertThat(d.cause()).contains("downstream unavailable");
    }

    @Test
    void fullJitterDelaysAreWithinTheComputedBackoff() {
        JsonNode retrier = Harness.json("{\"ErrorEquals\":[\"X\"],\"IntervalSeconds\":4,\"JitterStrategy\":\"FULL\"}");
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            Duration delay = RetryPolicy.delay(retrier, 2, random);
            assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(16));
        }
        assertThat(RetryPolicy.delay(Harness.json("{\"ErrorEquals\":[\"X\"]}"), 0, random))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryPolicy.delay(Harness.json("{\"ErrorEquals\":[\"X\"]}"), 2, random))
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void defaultRetrierRetriesThreeTimesWithOneTwoFourSeconds() {
        List<Instant> calls = new ArrayList<>();
        Harness[] box = new Harness[1];
        box[0] = new Harness(r -> {
                    calls.add(box[0].clock.instant());
                    throw new TaskFailedException("E", null);
                })
                .register("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f",
          "Retry":[{"ErrorEquals":["E"]}],"End":true}}}""");

        assertThat(box[0].run("{}").error()).contains("E");
        assertThat(calls)
                .containsExactly(
                        Harness.T0, Harness.T0.plusSeconds(1), Harness.T0.plusSeconds(3), Harness.T0.plusSeconds(7));
    }

    @Test
    void onlyTheFirstMatchingRetrierApplies() {
        int[] calls = {0};
        Harness h = new Harness(r -> {
                    calls[0]++;
                    throw new TaskFailedException("A", null);
                })
                .register("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f",
          "Retry":[{"ErrorEquals":["A"],"MaxAttempts":1},{"ErrorEquals":["States.ALL"],"MaxAttempts":5}],
          "End":true}}}""");

        assertThat(h.run("{}").error()).contains("A");
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void maxAttemptsZeroNeverRetries() {
        int[] calls = {0};
        Harness h = new Harness(r -> {
                    calls[0]++;
                    throw new TaskFailedException("A", null);
                })
                .register("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f",
          "Retry":[{"ErrorEquals":["A"],"MaxAttempts":0}],"End":true}}}""");
        h.run("{}");
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void catchResultPathNullKeepsTheInputAndDefaultReplacesIt() {
        TaskInvoker failing = r -> {
            throw new TaskFailedException("Custom.Error", "why");
        };
        String template = """
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f",
          "Catch":[{"ErrorEquals":["Custom.Error"]%s,"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}""";

        assertThat(new Harness(failing)
                        .register(template.formatted(",\"ResultPath\":null"))
                        .run("{\"a\":1}")
                        .output())
                .contains(Harness.json("{\"a\":1}"));
        assertThat(new Harness(failing)
                        .register(template.formatted(""))
                        .run("{\"a\":1}")
                        .output())
                .contains(Harness.json("{\"Error\":\"Custom.Error\",\"Cause\":\"why\"}"));
        assertThat(new Harness(failing)
                        .register(template.formatted(",\"ResultPath\":\"$.err\""))
                        .run("{\"a\":1}")
                        .output())
                .contains(Harness.json("{\"a\":1,\"err\":{\"Error\":\"Custom.Error\",\"Cause\":\"why\"}}"));
    }

    @Test
    void taskFailedCatchesTaskErrorsButNotTimeouts() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters":{"FunctionName":"f"},"TimeoutSeconds":60,
          "Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}""");
        String timesOut = h.start("{}");
        String fails = h.start("{}");
        h.executor.drain();
        h.executor.sendTaskFailure(h.executor.parkedTokens(fails).get(0), "Lambda.Whatever", "boom");

        h.executor.runToCompletion(h.clock);

        assertThat(h.executor.describe(fails).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.executor.describe(timesOut).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.executor.describe(timesOut).error()).contains("States.Timeout");
        assertThat(h.executor.describe(timesOut).stopDate()).contains(Harness.T0.plusSeconds(60));
    }

    @Test
    void statesRuntimeIsNeitherRetriedNorCaughtByStatesAll() {
        int[] calls = {0};
        Harness h = new Harness(r -> {
                    calls[0]++;
                    return Harness.json("{}");
                })
                .register("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f",
          "OutputPath":"$.missing","Retry":[{"ErrorEquals":["States.ALL"]}],
          "Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}""");

        ExecutionDescription d = h.run("{}");

        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).contains("States.Runtime");
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void retryingAParallelRerunsAllItsBranches() {
        int[] calls = {0};
        Harness h = new Harness(r -> {
                    if (++calls[0] == 1) {
                        throw new TaskFailedException("Once", null);
                    }
                    return Harness.json("\"ok\"");
                })
                .register("""
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Retry":[{"ErrorEquals":["Once"],"IntervalSeconds":5}],
          "Branches":[{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f","End":true}}},
                      {"StartAt":"Q","States":{"Q":{"Type":"Pass","Result":"q","End":true}}}],"End":true}}}""");

        ExecutionDescription d = h.run("{}");

        assertThat(d.output()).contains(Harness.json("[\"ok\",\"q\"]"));
        assertThat(d.stopDate()).contains(Harness.T0.plusSeconds(5));
    }

    @Test
    void errorsInsideAMapIterationAreCaughtOnTheMapState() {
        Harness h = new Harness(r -> {
                    if (r.parameters().asInt() == 2) {
                        throw new TaskFailedException("Item.Bad", "item 2");
                    }
                    return r.parameters();
                })
                .register("""
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"T","States":{
            "T":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f","End":true}}},
          "Catch":[{"ErrorEquals":["Item.Bad"],"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}""");

        assertThat(h.run("[1,2,3]").output()).contains(Harness.json("{\"Error\":\"Item.Bad\",\"Cause\":\"item 2\"}"));
    }
}
