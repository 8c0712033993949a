package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MockTaskInvokerTest {
    private static final MockConfig ATTEMPTS = MockConfig.parse(Harness.fixture("attempts.mock.json"));

    private static Harness harness(MockConfig config, String machine, String testCase) {
        TaskInvoker none = r -> {
            throw new TaskFailedException("States.Runtime", "unmocked " + r.stateName());
        };
        MockTaskInvoker mocks = new MockTaskInvoker(config, machine, testCase, none);
        Harness h = new Harness(mocks);
        mocks.bindCallbacks(h.executor);
        return h;
    }

    @Test
    void attemptKeysZeroAndRangePickResponsesByInvocationCount() {
        Harness h = harness(ATTEMPTS, "attempts", "Recovers").register("attempts.asl.json");
        String arn = h.start("{}");
        h.executor.runToCompletion(h.clock);

        assertThat(h.executor.describe(arn).output()).contains(Harness.json("{\"attempt\":3}"));
        assertThat(h.history(arn).stream()
                        .filter(e -> e.type().equals("TaskFailed"))
                        .map(e -> e.details().get("error").asText())
                        .toList())
                .containsExactly("First", "Middle", "Middle");
    }

    @Test
    void thrownMockErrorsEndTheExecutionWhenRetriesRunOut() {
        Harness h = harness(ATTEMPTS, "attempts", "NeverRecovers").register("attempts.asl.json");
        ExecutionDescription d = h.run("{}");
        assertThat(d.error()).contains("Bad");
        assertThat(d.cause()).contains("no luck");
    }

    @Test
    void aReturnCompletesAWaitForTaskTokenStateAtOnce() {
        MockConfig config = MockConfig.parse(Harness.fixture("park.mock.json"));
        Harness h = harness(config, "park", "Immediate").register("park.asl.json");

        ExecutionDescription d = h.run("{}");

        assertThat(d.output()).contains(Harness.json("{\"event\":\"purchase\"}"));
        assertThat(d.stopDate()).contains(Harness.T0);
    }

    @Test
    void mockedLambdaInvokeReturnsAreTheFullServiceResponse() {
        MockConfig config = MockConfig.parse(Harness.fixture("journey.mock.json"));
        Harness h = harness(config, "journey", "HappyPath");
        h.executor.register(
                Harness.SM_ARN,
                AslParser.parse(
                        Harness.fixture("journey.asl.json"),
                        Map.of("PlanFunction", "arn:p", "DispatchFunction", "arn:d")));

        ExecutionDescription d = h.run("{\"customer\":\"c-9\"}");

        assertThat(d.output()).contains(Harness.json("{\"sent\":true}"));
        assertThat(d.stopDate()).contains(Instant.parse("2026-03-03T09:30:00Z"));
    }

    @Test
    void unmockedStatesGoToTheFallback() {
        MockConfig config = MockConfig.parse("""
        {"StateMachines":{"m":{"TestCases":{"c":{}}}},"MockedResponses":{}}""");
        Harness h = harness(config, "m", "c").register("attempts.asl.json");
        assertThat(h.run("{}").cause().orElseThrow()).contains("unmocked Call");
    }

    @Test
    void malformedConfigsAndUnknownTestCasesAreRejectedClearly() {
        assertThatThrownBy(() -> MockConfig.parse("""
        {"StateMachines":{},"MockedResponses":{"R":{"one":{"Return":1}}}}""")).hasMessageContaining("bad attempt key 'one'");
        assertThatThrownBy(() -> MockConfig.parse("""
        {"StateMachines":{"m":{"TestCases":{"c":{"S":"Missing"}}}},"MockedResponses":{}}""")).hasMessageContaining("unknown MockedResponse 'Missing'");
        assertThatThrownBy(() -> MockConfig.parse("""
        {"StateMachines":{},"MockedResponses":{"R":{"0":{"Nothing":1}}}}""")).hasMessageContaining("needs Return or Throw");
        assertThatThrownBy(() -> new MockTaskInvoker(ATTEMPTS, "attempts", "Nope", r -> null))
                .hasMessageContaining("no test case 'Nope'");
    }

    @Test
    void responsesBeyondTheLastAttemptKeyFailTheTaskClearly() {
        MockConfig config = MockConfig.parse("""
        {"StateMachines":{"m":{"TestCases":{"c":{"Call":"Once"}}}},
         "MockedResponses":{"Once":{"0":{"Throw":{"Error":"E","Cause":"c"}}}}}""");
        Harness h = harness(config, "m", "c").register("attempts.asl.json");
        ExecutionDescription d = h.run("{}");
        assertThat(d.error()).contains("States.Runtime");
        assertThat(d.cause().orElseThrow()).contains("no entry for invocation 1");
    }
}
