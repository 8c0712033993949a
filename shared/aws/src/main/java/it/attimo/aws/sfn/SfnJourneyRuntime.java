package it.attimo.aws.sfn;

import it.attimo.core.journey.ExecutionNames;
import it.attimo.core.port.JourneyRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Journeys on AWS Step Functions (Standard workflows). Starts are idempotent by execution name; a task token that is
 * no longer open (timed out, already answered, unknown) is reported as not resumed rather than thrown.
 *
 * <p>Step Functions answers a repeated start with the same name and the same input, while the first execution still
 * runs, with success instead of {@code ExecutionAlreadyExists}; such a repeat therefore also returns true.
 */
public final class SfnJourneyRuntime implements JourneyRuntime {
    private static final int MAX_ERROR_LENGTH = 256;
    private static final int MAX_CAUSE_LENGTH = 32_768;

    private final SfnClient client;
    private final Map<String, String> stateMachineArns;

    public SfnJourneyRuntime(SfnClient client, Map<String, String> stateMachineArns) {
        this.client = client;
        this.stateMachineArns = Map.copyOf(stateMachineArns);
    }

    /** Parses {@code name=arn,name=arn} (whitespace around entries is ignored). */
    public static Map<String, String> parseArns(String spec) {
        Map<String, String> arns = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) return arns;
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) continue;
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("state machine entry '" + entry.trim() + "' is not name=arn");
            }
            arns.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return arns;
    }

    @Override
    public boolean start(String journey, String executionName, String inputJson) {
        String arn = arnOf(journey);
        try {
            client.startExecution(b -> b.stateMachineArn(arn)
                    .name(ExecutionNames.safe(executionName))
                    .input(inputJson));
            return true;
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            return false;
        }
    }

    @Override
    public boolean supports(String journey) {
        return stateMachineArns.containsKey(journey);
    }

    @Override
    public boolean resume(String taskToken, String outputJson) {
        try {
            client.sendTaskSuccess(b -> b.taskToken(taskToken).output(outputJson));
            return true;
        } catch (TaskTimedOutException | InvalidTokenException | TaskDoesNotExistException closed) {
            return false;
        }
    }

    @Override
    public boolean fail(String taskToken, String error, String cause) {
        try {
            client.sendTaskFailure(b ->
                    b.taskToken(taskToken).error(clip(error, MAX_ERROR_LENGTH)).cause(clip(cause, MAX_CAUSE_LENGTH)));
            return true;
        } catch (TaskTimedOutException | InvalidTokenException | TaskDoesNotExistException closed) {
            return false;
        }
    }

    @Override
    public void stop(String journey, String executionName, String cause) {
        String executionArn = executionArn(arnOf(journey), ExecutionNames.safe(executionName));
        try {
            client.stopExecution(b -> b.executionArn(executionArn).cause(clip(cause, MAX_CAUSE_LENGTH)));
        } catch (ExecutionDoesNotExistException gone) {
            // never started, or already expired from history
        }
    }

    /** arn:aws:states:REGION:ACCOUNT:stateMachine:NAME → arn:aws:states:REGION:ACCOUNT:execution:NAME:EXECUTION */
    static String executionArn(String stateMachineArn, String executionName) {
        int marker = stateMachineArn.indexOf(":stateMachine:");
        if (marker < 0) throw new IllegalArgumentException("not a state machine ARN: " + stateMachineArn);
        return stateMachineArn.substring(0, marker) + ":execution:"
                + stateMachineArn.substring(marker + ":stateMachine:".length()) + ":" + executionName;
    }

    private String arnOf(String journey) {
        String arn = stateMachineArns.get(journey);
        if (arn == null) {
            throw new IllegalArgumentException("no state machine configured for journey '" + journey + "' (configured: "
                    + stateMachineArns.keySet() + ")");
        }
        return arn;
    }

    private static String clip(String text, int max) {
        if (text == null) return null;
        return text.length() <= max ? text : text.substring(0, max);
    }
}
