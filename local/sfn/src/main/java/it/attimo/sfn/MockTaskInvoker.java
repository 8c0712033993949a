package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers Task states from a {@link MockConfig} test case, picking the response by state name and the state's 0-based
 * invocation count in the execution ({@link TaskRequest#invocationIndex()}). Like Step Functions Local, a
 * {@code Return} is the state's full result (no lambda:invoke wrapping); for {@code .waitForTaskToken} states a
 * {@code Return} completes the task at once with that output through {@link TaskTokenCallbacks}. A state without a
 * mocked response goes to the fallback invoker.
 */
public final class MockTaskInvoker implements TaskInvoker {
    private final MockConfig config;
    private final String stateMachineName;
    private final String testCase;
    private final TaskInvoker fallback;
    private Supplier<TaskTokenCallbacks> callbacks = () -> {
        throw new IllegalStateException("MockTaskInvoker: bindCallbacks(executor) was not called");
    };

    public MockTaskInvoker(MockConfig config, String stateMachineName, String testCase, TaskInvoker fallback) {
        if (!config.testCases(stateMachineName).contains(testCase)) {
            throw new IllegalArgumentException("mock config has no test case '" + testCase + "' for state machine '"
                    + stateMachineName + "' (has " + config.testCases(stateMachineName) + ")");
        }
        this.config = config;
        this.stateMachineName = stateMachineName;
        this.testCase = testCase;
        this.fallback = fallback;
    }

    /** Where .waitForTaskToken completions go: normally the executor this invoker serves. */
    public void bindCallbacks(TaskTokenCallbacks target) {
        this.callbacks = () -> target;
    }

    @Override
    public boolean returnsServiceResponse() {
        return true;
    }

    @Override
    public JsonNode invoke(TaskRequest request) {
        Optional<String> responseName = config.responseName(stateMachineName, testCase, request.stateName());
        if (responseName.isEmpty()) {
            return fallback.invoke(request);
        }
        MockConfig.MockedResponse response = config.response(responseName.get(), request.invocationIndex())
                .orElseThrow(() -> new TaskFailedException(
                        ErrorNames.RUNTIME,
                        "mocked response '" + responseName.get()
                                + "' has no entry for invocation " + request.invocationIndex() + " of state '"
                                + request.stateName()
                                + "'"));
        if (response.error().isPresent()) {
            throw new TaskFailedException(
                    response.error().get(), response.cause().orElse(null));
        }
        JsonNode value = response.returnValue().orElseThrow();
        if (request.taskToken().isPresent()) {
            callbacks.get().sendTaskSuccess(request.taskToken().get(), Json.write(value));
        }
        return value;
    }
}
