package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a Task state's resource. Called synchronously from {@code drain()}, with the executor's lock released, so an
 * invoker may call back into the executor (start, sendTaskSuccess...) from this or any other thread.
 *
 * <p>Contract on results: return the <em>raw</em> result of the resource. For {@code arn:aws:states:::lambda:invoke}
 * the executor wraps it into the AWS shape {@code {"ExecutedVersion":"$LATEST","Payload":<raw>,"StatusCode":200}}
 * (unless {@link #returnsServiceResponse()} is true); for a direct function ARN ({@code arn:aws:lambda:...}) and for
 * any other integration the raw value is the state's result. For {@code .waitForTaskToken} resources the return value
 * is ignored: the task completes when {@code sendTaskSuccess/sendTaskFailure} is called with {@link TaskRequest#taskToken()}.
 *
 * <p>Errors: throw {@link TaskFailedException} to fail with a given error name; any other RuntimeException fails the
 * task with the exception's fully-qualified class name as error and its message as cause (what the Java Lambda runtime
 * reports as errorType/errorMessage).
 */
@FunctionalInterface
public interface TaskInvoker {
    JsonNode invoke(TaskRequest request);

    /** True when {@link #invoke} already returns the full service response (as mock configs do): no wrapping. */
    default boolean returnsServiceResponse() {
        return false;
    }
}
