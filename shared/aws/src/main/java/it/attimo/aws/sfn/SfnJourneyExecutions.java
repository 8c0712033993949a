package it.attimo.aws.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import it.attimo.core.insights.JourneyExecution;
import it.attimo.core.journey.ExecutionNames;
import it.attimo.core.json.Json;
import it.attimo.core.port.JourneyExecutions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

/**
 * Where journey executions are, on Step Functions: ListExecutions (newest first, paged up to the limit) and, per
 * execution, GetExecutionHistory's state entered/exited events; the customer id is read from the execution's input
 * (ids only, as every journey input). Without a state machine for the journey there are no executions.
 */
public final class SfnJourneyExecutions implements JourneyExecutions {
    private static final int PAGE = 1000;

    private final SfnClient client;
    private final Map<String, String> stateMachineArns;

    public SfnJourneyExecutions(SfnClient client, Map<String, String> stateMachineArns) {
        this.client = client;
        this.stateMachineArns = Map.copyOf(stateMachineArns);
    }

    @Override
    public List<JourneyExecution> executions(String journey, int limit) {
        String arn = stateMachineArns.get(journey);
        if (arn == null) return List.of();
        List<JourneyExecution> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListExecutionsResponse page = client.listExecutions(b -> b.stateMachineArn(arn)
                    .maxResults(Math.min(PAGE, limit - out.size()))
                    .nextToken(next));
            for (ExecutionListItem item : page.executions()) {
                if (out.size() >= limit) break;
                out.add(read(
                        journey,
                        item.executionArn(),
                        item.name(),
                        item.statusAsString(),
                        item.startDate(),
                        item.stopDate()));
            }
            token = page.nextToken();
        } while (token != null && out.size() < limit);
        return out;
    }

    @Override
    public Optional<JourneyExecution> execution(String journey, String executionName) {
        String arn = stateMachineArns.get(journey);
        if (arn == null) return Optional.empty();
        String executionArn = executionArn(arn, ExecutionNames.safe(executionName));
        try {
            DescribeExecutionResponse d = client.describeExecution(b -> b.executionArn(executionArn));
            return Optional.of(read(journey, executionArn, d.name(), d.statusAsString(), d.startDate(), d.stopDate()));
        } catch (ExecutionDoesNotExistException unknown) {
            return Optional.empty();
        }
    }

    /** arn:aws:states:region:account:stateMachine:name → arn:aws:states:region:account:execution:name:execution. */
    static String executionArn(String stateMachineArn, String executionName) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + executionName;
    }

    private JourneyExecution read(
            String journey, String executionArn, String name, String status, Instant started, Instant stopped) {
        List<JourneyExecution.StateEvent> events = new ArrayList<>();
        String customerId = null;
        String lastOutput = null;
        String token = null;
        do {
            String next = token;
            GetExecutionHistoryResponse page = client.getExecutionHistory(b -> b.executionArn(executionArn)
                    .includeExecutionData(true)
                    .maxResults(PAGE)
                    .nextToken(next));
            for (HistoryEvent e : page.events()) {
                if (e.executionStartedEventDetails() != null)
                    customerId = customerId(e.executionStartedEventDetails().input());
                else if (e.stateEnteredEventDetails() != null)
                    events.add(new JourneyExecution.StateEvent(
                            e.stateEnteredEventDetails().name(), true, e.timestamp()));
                else if (e.stateExitedEventDetails() != null) {
                    events.add(new JourneyExecution.StateEvent(
                            e.stateExitedEventDetails().name(), false, e.timestamp()));
                    if (e.stateExitedEventDetails().output() != null)
                        lastOutput = e.stateExitedEventDetails().output();
                }
            }
            token = page.nextToken();
        } while (token != null);
        return new JourneyExecution(
                journey, name, customerId, JourneyExecution.Status.of(status), started, stopped, events, lastOutput);
    }

    static String customerId(String input) {
        if (input == null) return null;
        try {
            return Json.parse(input).path("customerId").asText(null);
        } catch (JsonProcessingException unreadable) {
            return null;
        }
    }
}
