package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BilledTransitionsTest {
    private static final String DEFINITION = """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Pass", "Next": "Both"},
              "Both": {"Type": "Parallel", "Next": "Route", "ResultPath": "$.both", "Branches": [
                {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 3}],
                  "End": true}}}]},
              "Route": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Done"}],
                "Default": "Stop"},
              "Done": {"Type": "Succeed"},
              "Stop": {"Type": "Fail", "Error": "Stopped"}}}
            """;

    @Test
    void everyStateEnteredCountsBranchesIncludedAndEachRetryCountsOnceMore() {
        AtomicInteger calls = new AtomicInteger();
        Harness h = new Harness(r -> {
                    if (calls.incrementAndGet() <= 2) throw new TaskFailedException("Flaky", "attempt " + r.attempt());
                    return Harness.json("{}");
                })
                .register(DEFINITION);

        ExecutionDescription succeeded = h.run("{\"go\":true}");

        assertThat(succeeded.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // Prepare, Both, Left, Call, Route, Done = 6 states entered, plus Call's 2 retries
        assertThat(BilledTransitions.of(h.history(succeeded.executionArn()))).isEqualTo(8);
    }

    @Test
    void aPathThatFailsCountsItsFailStateAndNoRetryWhenTheFirstAttemptSucceeds() {
        Harness h = new Harness(r -> Harness.json("{}")).register(DEFINITION);

        ExecutionDescription failed = h.run("{\"go\":false}");

        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(BilledTransitions.of(h.history(failed.executionArn()))).isEqualTo(6);
    }
}
