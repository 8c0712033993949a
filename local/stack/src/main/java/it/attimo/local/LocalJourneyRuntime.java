package it.attimo.local;

import it.attimo.core.insights.JourneyExecution;
import it.attimo.core.journey.ExecutionNames;
import it.attimo.core.port.JourneyExecutions;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.sfn.ExecutionAlreadyExistsException;
import it.attimo.sfn.ExecutionDescription;
import it.attimo.sfn.ExecutionDoesNotExistException;
import it.attimo.sfn.HistoryEvent;
import it.attimo.sfn.InvalidTokenException;
import it.attimo.sfn.StepFunctionsExecutor;
import it.attimo.sfn.TaskTimedOutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link JourneyRuntime} on the in-process executor, with Step Functions' semantics as the AWS adapter sees them:
 * starts idempotent by execution name, closed tokens reported as not resumed. Work only runs when the stack drains the
 * executor. Bound after construction because the executor's task invoker needs handlers that need this runtime. Also
 * the journey map's {@link JourneyExecutions}: the executor's executions and their history.
 */
public final class LocalJourneyRuntime implements JourneyRuntime, JourneyExecutions {
    private volatile StepFunctionsExecutor executor;
    private volatile Map<String, String> stateMachineArns = Map.of();

    void bind(StepFunctionsExecutor executor, Map<String, String> stateMachineArnsByJourney) {
        this.executor = executor;
        this.stateMachineArns = Map.copyOf(stateMachineArnsByJourney);
    }

    @Override
    public boolean start(String journey, String executionName, String inputJson) {
        String arn = stateMachineArn(journey);
        String name = ExecutionNames.safe(executionName);
        StepFunctionsExecutor exec = executor();
        synchronized (exec) {
            try {
                exec.describe(LocalArns.executionArn(arn, name));
                return false;
            } catch (ExecutionDoesNotExistException notYet) {
                // first start
            }
            try {
                exec.start(arn, name, inputJson);
                return true;
            } catch (ExecutionAlreadyExistsException alreadyStarted) {
                return false;
            }
        }
    }

    @Override
    public boolean resume(String taskToken, String outputJson) {
        try {
            executor().sendTaskSuccess(taskToken, outputJson);
            return true;
        } catch (InvalidTokenException | TaskTimedOutException closed) {
            return false;
        }
    }

    @Override
    public boolean fail(String taskToken, String error, String cause) {
        try {
            executor().sendTaskFailure(taskToken, error, cause);
            return true;
        } catch (InvalidTokenException | TaskTimedOutException closed) {
            return false;
        }
    }

    @Override
    public void stop(String journey, String executionName, String cause) {
        try {
            executor()
                    .stop(
                            LocalArns.executionArn(stateMachineArn(journey), ExecutionNames.safe(executionName)),
                            "Stopped",
                            cause);
        } catch (ExecutionDoesNotExistException unknown) {
            // never started
        }
    }

    @Override
    public boolean supports(String journey) {
        return stateMachineArns.containsKey(journey);
    }

    @Override
    public List<JourneyExecution> executions(String journey, int limit) {
        String arn = stateMachineArns.get(journey);
        if (arn == null || executor == null) return List.of();
        List<JourneyExecution> out = new ArrayList<>();
        for (ExecutionDescription d : executor().listExecutions(arn, null)) {
            if (out.size() >= limit) break;
            out.add(execution(journey, d));
        }
        return out;
    }

    @Override
    public Optional<JourneyExecution> execution(String journey, String executionName) {
        String arn = stateMachineArns.get(journey);
        if (arn == null || executor == null) return Optional.empty();
        try {
            return Optional.of(execution(
                    journey, executor().describe(LocalArns.executionArn(arn, ExecutionNames.safe(executionName)))));
        } catch (ExecutionDoesNotExistException unknown) {
            return Optional.empty();
        }
    }

    private JourneyExecution execution(String journey, ExecutionDescription d) {
        List<JourneyExecution.StateEvent> events = new ArrayList<>();
        String lastOutput = null;
        for (HistoryEvent h : executor().history(d.executionArn())) {
            if (h.stateName() == null) continue;
            if (h.isStateEntered()) events.add(new JourneyExecution.StateEvent(h.stateName(), true, h.timestamp()));
            else if (h.isStateExited()) {
                events.add(new JourneyExecution.StateEvent(h.stateName(), false, h.timestamp()));
                if (h.details().has("output"))
                    lastOutput = h.details().get("output").toString();
            }
        }
        String customerId =
                d.input() == null ? null : d.input().path("customerId").asText(null);
        return new JourneyExecution(
                journey,
                d.name(),
                customerId,
                JourneyExecution.Status.of(d.status().name()),
                d.startDate(),
                d.stopDate().orElse(null),
                events,
                lastOutput);
    }

    private String stateMachineArn(String journey) {
        String arn = stateMachineArns.get(journey);
        if (arn == null) {
            throw new IllegalArgumentException(
                    "no state machine for journey '" + journey + "' (loaded: " + stateMachineArns.keySet() + ")");
        }
        return arn;
    }

    private StepFunctionsExecutor executor() {
        return Objects.requireNonNull(executor, "the local journey runtime is not bound to an executor yet");
    }
}
