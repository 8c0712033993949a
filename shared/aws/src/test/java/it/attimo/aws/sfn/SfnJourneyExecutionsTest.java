package it.attimo.aws.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.insights.JourneyExecution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStartedEventDetails;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StateEnteredEventDetails;
import software.amazon.awssdk.services.sfn.model.StateExitedEventDetails;

class SfnJourneyExecutionsTest {
    static final String SM = "arn:aws:states:eu-south-1:123456789012:stateMachine:attimo-PostPurchase";
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    final List<String> calls = new ArrayList<>();

    final SfnClient fake = new SfnClient() {
        @Override
        public ListExecutionsResponse listExecutions(ListExecutionsRequest r) {
            calls.add("list " + r.nextToken() + " max " + r.maxResults());
            assertThat(r.stateMachineArn()).isEqualTo(SM);
            if (r.nextToken() == null)
                return ListExecutionsResponse.builder()
                        .executions(item("e1", ExecutionStatus.RUNNING))
                        .nextToken("page-2")
                        .build();
            return ListExecutionsResponse.builder()
                    .executions(item("e2", ExecutionStatus.SUCCEEDED), item("e3", ExecutionStatus.FAILED))
                    .build();
        }

        @Override
        public GetExecutionHistoryResponse getExecutionHistory(GetExecutionHistoryRequest r) {
            calls.add("history " + r.executionArn() + " " + r.nextToken());
            assertThat(r.includeExecutionData()).isTrue();
            if (r.nextToken() == null)
                return GetExecutionHistoryResponse.builder()
                        .events(
                                HistoryEvent.builder()
                                        .type(HistoryEventType.EXECUTION_STARTED)
                                        .timestamp(T0)
                                        .executionStartedEventDetails(ExecutionStartedEventDetails.builder()
                                                .input("{\"customerId\":\"c-1\",\"journey\":\"post-purchase\"}")
                                                .build())
                                        .build(),
                                HistoryEvent.builder()
                                        .type(HistoryEventType.TASK_STATE_ENTERED)
                                        .timestamp(T0)
                                        .stateEnteredEventDetails(StateEnteredEventDetails.builder()
                                                .name("PlanWelcome")
                                                .build())
                                        .build())
                        .nextToken("h-2")
                        .build();
            return GetExecutionHistoryResponse.builder()
                    .events(HistoryEvent.builder()
                            .type(HistoryEventType.TASK_STATE_EXITED)
                            .timestamp(T0.plusSeconds(5))
                            .stateExitedEventDetails(StateExitedEventDetails.builder()
                                    .name("PlanWelcome")
                                    .output("{\"steps\":{\"welcome\":{\"plan\":{\"suitability\":90}}}}")
                                    .build())
                            .build())
                    .build();
        }

        @Override
        public DescribeExecutionResponse describeExecution(DescribeExecutionRequest r) {
            if (r.executionArn().endsWith(":nope"))
                throw ExecutionDoesNotExistException.builder().build();
            return DescribeExecutionResponse.builder()
                    .executionArn(r.executionArn())
                    .name("e1")
                    .status(ExecutionStatus.RUNNING)
                    .startDate(T0)
                    .build();
        }

        @Override
        public String serviceName() {
            return "sfn";
        }

        @Override
        public void close() {}
    };

    final SfnJourneyExecutions executions = new SfnJourneyExecutions(fake, Map.of("post-purchase", SM));

    static ExecutionListItem item(String name, ExecutionStatus status) {
        return ExecutionListItem.builder()
                .executionArn(SfnJourneyExecutions.executionArn(SM, name))
                .name(name)
                .status(status)
                .startDate(T0)
                .stopDate(status == ExecutionStatus.RUNNING ? null : T0.plusSeconds(60))
                .build();
    }

    @Test
    void listsExecutionsAcrossPagesWithTheirStateHistoryAndCustomerFromTheInput() {
        List<JourneyExecution> all = executions.executions("post-purchase", 10);
        assertThat(all).extracting(JourneyExecution::executionName).containsExactly("e1", "e2", "e3");
        assertThat(all)
                .extracting(JourneyExecution::status)
                .containsExactly(
                        JourneyExecution.Status.RUNNING,
                        JourneyExecution.Status.SUCCEEDED,
                        JourneyExecution.Status.FAILED);
        JourneyExecution first = all.get(0);
        assertThat(first.customerId()).isEqualTo("c-1");
        assertThat(first.events())
                .containsExactly(
                        new JourneyExecution.StateEvent("PlanWelcome", true, T0),
                        new JourneyExecution.StateEvent("PlanWelcome", false, T0.plusSeconds(5)));
        assertThat(first.lastOutput()).contains("\"suitability\":90");
        assertThat(all.get(1).stoppedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(calls).contains("list null max 10", "list page-2 max 9");
    }

    @Test
    void stopsAtTheLimitAndKnowsNothingOfJourneysWithoutAStateMachine() {
        assertThat(executions.executions("post-purchase", 1)).hasSize(1);
        assertThat(calls).containsOnlyOnce("list null max 1").doesNotContain("list page-2 max 0");
        assertThat(executions.executions("onboarding-72h", 10)).isEmpty();
        assertThat(executions.execution("onboarding-72h", "x")).isEmpty();
    }

    @Test
    void findsOneExecutionByNameOrNone() {
        assertThat(executions.execution("post-purchase", "e1"))
                .hasValueSatisfying(e -> assertThat(e.customerId()).isEqualTo("c-1"));
        assertThat(calls).contains("history " + SM.replace(":stateMachine:", ":execution:") + ":e1 null");
        assertThat(executions.execution("post-purchase", "nope")).isEmpty();
        assertThat(SfnJourneyExecutions.customerId("not json")).isNull();
        assertThat(SfnJourneyExecutions.customerId(null)).isNull();
    }
}
