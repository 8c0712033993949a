package it.attimo.local;

import it.attimo.core.journey.ExecutionNames;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.sfn.ExecutionAlreadyExistsException;
import it.attimo.sfn.ExecutionDoesNotExistException;
import it.attimo.sfn.InvalidTokenException;
import it.attimo.sfn.StepFunctionsExecutor;
import it.attimo.sfn.TaskTimedOutException;
import java.util.Map;
import java.util.Objects;

/**
 * {@link JourneyRuntime} on the in-process executor, with Step Functions' semantics as the AWS adapter sees them:
 * starts idempotent by execution name, closed tokens reported as not resumed. Work only runs when the stack drains the
 * executor. Bound after construction because the executor's task invoker needs handlers that need this runtime.
 */
public final class LocalJourneyRuntime implements JourneyRuntime {
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
