package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorApiTest {
    private static final String WAIT_AN_HOUR = """
      {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"Next":"Done"},"Done":{"Type":"Succeed"}}}""";

    @Test
    void executionArnIsBuiltFromTheStateMachineArn() {
        Harness h = new Harness(r -> null).register(WAIT_AN_HOUR);
        assertThat(h.executor.start(Harness.SM_ARN, "cust-1-onboarding", "{}"))
                .isEqualTo("arn:aws:states:eu-south-1:123456789012:execution:test:cust-1-onboarding");
    }

    @Test
    void startIsIdempotentForTheSameNameAndInputWhileRunning() {
        Harness h = new Harness(r -> null).register(WAIT_AN_HOUR);
        String first = h.executor.start(Harness.SM_ARN, "n", "{\"a\":1}");

        String again = h.executor.start(Harness.SM_ARN, "n", "{ \"a\" : 1 }");

        assertThat(again).isEqualTo(first);
        assertThat(h.executor.listExecutions(Harness.SM_ARN, null)).hasSize(1);
        assertThatThrownBy(() -> h.executor.start(Harness.SM_ARN, "n", "{\"a\":2}"))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void reusingTheNameOfAClosedExecutionIsRejectedLikeAws() {
        Harness h = new Harness(r -> null).register(WAIT_AN_HOUR);
        h.executor.start(Harness.SM_ARN, "n", "{}");
        h.executor.runToCompletion(h.clock);
        assertThatThrownBy(() -> h.executor.start(Harness.SM_ARN, "n", "{}"))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void unknownStateMachineAndExecutionAreReported() {
        Harness h = new Harness(r -> null);
        assertThatThrownBy(() -> h.executor.start("arn:aws:states:eu-south-1:1:stateMachine:nope", null, "{}"))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> h.executor.describe("arn:nope")).isInstanceOf(ExecutionDoesNotExistException.class);
    }

    @Test
    void generatedNamesAreUniqueAndDeterministic() {
        Harness h = new Harness(r -> null).register(WAIT_AN_HOUR);
        String a = h.executor.start(Harness.SM_ARN, null, "{}");
        String b = h.executor.start(Harness.SM_ARN, null, "{}");
        assertThat(a).isNotEqualTo(b);
        Harness other = new Harness(r -> null).register(WAIT_AN_HOUR);
        assertThat(other.executor.start(Harness.SM_ARN, null, "{}")).isEqualTo(a);
    }

    @Test
    void stopAbortsARunningExecutionWithErrorAndCause() {
        Harness h = new Harness(r -> null).register(WAIT_AN_HOUR);
        String arn = h.start("{}");
        h.executor.drain();
        h.clock.advanceTo(Harness.T0.plusSeconds(60));

        h.executor.stop(arn, "Journey.Cancelled", "customer converted");
        h.executor.runToCompletion(h.clock);

        ExecutionDescription d = h.executor.describe(arn);
        assertThat(d.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(d.error()).contains("Journey.Cancelled");
        assertThat(d.stopDate()).contains(Harness.T0.plusSeconds(60));
        assertThat(h.types(arn)).endsWith("ExecutionAborted").doesNotContain("WaitStateExited");
        assertThat(h.executor.nextDue()).isEmpty();
    }

    @Test
    void listExecutionsFiltersByStatusNewestFirst() {
        Harness h = new Harness(r -> null).register(WAIT_AN_HOUR);
        String done = h.executor.start(Harness.SM_ARN, "done", "{}");
        h.executor.runToCompletion(h.clock);
        String running = h.executor.start(Harness.SM_ARN, "running", "{}");
        h.executor.drain();

        assertThat(h.executor.listExecutions(Harness.SM_ARN, null))
                .extracting(ExecutionDescription::executionArn)
                .containsExactly(running, done);
        assertThat(h.executor.listExecutions(Harness.SM_ARN, ExecutionStatus.RUNNING))
                .extracting(ExecutionDescription::executionArn)
                .containsExactly(running);
        assertThat(h.executor.listExecutions(Harness.SM_ARN, ExecutionStatus.SUCCEEDED))
                .extracting(ExecutionDescription::executionArn)
                .containsExactly(done);
        assertThat(h.executor.listExecutions("arn:other", null)).isEmpty();
    }

    @Test
    void topLevelTimeoutSecondsTimesTheExecutionOut() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"W","TimeoutSeconds":100,"States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""");
        String arn = h.start("{}");

        h.executor.runToCompletion(h.clock);

        ExecutionDescription d = h.executor.describe(arn);
        assertThat(d.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(d.error()).contains("States.Timeout");
        assertThat(d.stopDate()).contains(Harness.T0.plusSeconds(100));
    }

    @Test
    void historyIsOrderedWithVirtualTimestampsInputsAndOutputs() {
        Harness h = new Harness(r -> Harness.json("{\"sent\":true}")).register("""
        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"Next":"T"},
          "T":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:send","End":true}}}""");
        String arn = h.start("{\"id\":1}");
        h.executor.runToCompletion(h.clock);

        List<HistoryEvent> history = h.history(arn);

        assertThat(history)
                .extracting(HistoryEvent::type)
                .containsExactly(
                        "ExecutionStarted",
                        "WaitStateEntered",
                        "WaitStateExited",
                        "TaskStateEntered",
                        "TaskScheduled",
                        "TaskSucceeded",
                        "TaskStateExited",
                        "ExecutionSucceeded");
        assertThat(history).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(history.get(1).details().get("input")).isEqualTo(Harness.json("{\"id\":1}"));
        assertThat(history.get(2).timestamp()).isEqualTo(Harness.T0.plusSeconds(30));
        assertThat(history.get(6).details().get("output")).isEqualTo(Harness.json("{\"sent\":true}"));
        assertThat(history.get(4).details().get("resource").asText()).isEqualTo("arn:aws:lambda:x:1:function:send");
    }

    @Test
    void anInfiniteLoopStopsAtTheHistoryLimitInsteadOfHanging() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}""");
        ExecutionDescription d = h.run("{}");
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.cause().orElseThrow()).contains("history events");
    }

    @Test
    void aRunningExecutionKeepsTheDefinitionItStartedWith() {
        Harness h = new Harness(r -> null).register(WAIT_AN_HOUR);
        String arn = h.start("{}");
        h.executor.drain();
        h.register("""
        {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"New"}}}""");
        h.executor.runToCompletion(h.clock);
        assertThat(h.executor.describe(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void concurrentStartsFromManyThreadsAllRun() throws Exception {
        Harness h = new Harness(r -> null).register(WAIT_AN_HOUR);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int n = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    h.executor.start(Harness.SM_ARN, "t" + n + "-" + i, "{}");
                    h.executor.drain();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        h.executor.runToCompletion(h.clock);
        assertThat(h.executor.listExecutions(Harness.SM_ARN, ExecutionStatus.SUCCEEDED))
                .hasSize(200);
    }

    @Test
    void executionNamesAwsWouldRejectAreInvalidNames() {
        Harness h = new Harness(r -> null).register(WAIT_AN_HOUR);
        for (String bad : List.of("", "has space", "a:b", "x/y", "a".repeat(81), "tab\there")) {
            assertThatThrownBy(() -> h.executor.start(Harness.SM_ARN, bad, "{}"))
                    .as(bad)
                    .isInstanceOf(InvalidNameException.class);
        }
        assertThat(h.executor.start(Harness.SM_ARN, "c-1_onboarding-72h.2026", "{}"))
                .endsWith(":c-1_onboarding-72h.2026");
    }
}
