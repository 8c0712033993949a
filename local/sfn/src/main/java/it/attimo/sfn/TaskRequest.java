package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One invocation of a Task state's resource.
 *
 * @param resource the Resource ARN, e.g. {@code arn:aws:states:::lambda:invoke.waitForTaskToken}
 * @param parameters the effective parameters (after InputPath and Parameters)
 * @param taskToken the task token for {@code .waitForTaskToken} resources, else empty
 * @param executionArn the execution running the task
 * @param stateName the Task state's name
 * @param attempt 0 for the first try of this state entry, 1 for the first retry, ...
 * @param invocationIndex 0-based count of earlier invocations of this state name in this execution (all entries,
 *     retries and Map iterations included); used to pick mocked responses
 */
public record TaskRequest(
        String resource,
        JsonNode parameters,
        Optional<String> taskToken,
        String executionArn,
        String stateName,
        int attempt,
        int invocationIndex) {

    public boolean waitsForTaskToken() {
        return resource.endsWith(".waitForTaskToken");
    }

    /** For {@code lambda:invoke} integrations: the function named in the parameters; else the resource itself. */
    public String functionName() {
        if (resource.startsWith("arn:aws:states:::lambda:invoke")) {
            return parameters.path("FunctionName").asText(resource);
        }
        return resource;
    }

    /** For {@code lambda:invoke} integrations: the Payload parameter; else the whole parameters object. */
    public JsonNode payload() {
        if (resource.startsWith("arn:aws:states:::lambda:invoke")) {
            return parameters.path("Payload");
        }
        return parameters;
    }
}
