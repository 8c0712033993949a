package it.attimo.local;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.sfn.TaskFailedException;
import it.attimo.sfn.TaskInvoker;
import it.attimo.sfn.TaskRequest;
import java.util.Map;

/**
 * Task states' {@code lambda:invoke} (and {@code .waitForTaskToken}, and direct function ARNs) answered by the
 * in-process handler of the function the ARN names, so the ASL runs exactly as deployed. A handler's exception fails
 * the task with its class name as error, as the Java Lambda runtime reports it.
 */
final class LambdaTaskInvoker implements TaskInvoker {
    private final Map<String, LambdaFunction> functionsByLogicalId;

    LambdaTaskInvoker(Map<String, LambdaFunction> functionsByLogicalId) {
        this.functionsByLogicalId = Map.copyOf(functionsByLogicalId);
    }

    @Override
    public JsonNode invoke(TaskRequest request) {
        String logicalId = SamTemplate.functionLogicalId(request.functionName());
        LambdaFunction function = functionsByLogicalId.get(logicalId);
        if (function == null) {
            throw new TaskFailedException(
                    "Lambda.ResourceNotFoundException",
                    "Function not found: " + request.functionName() + " (local functions: "
                            + functionsByLogicalId.keySet() + ")");
        }
        return LocalTimings.time(
                "task " + request.payload().path("action").asText(request.stateName()),
                () -> function.invokeJson(request.payload()));
    }
}
