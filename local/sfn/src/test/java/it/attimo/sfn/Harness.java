package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A virtual clock, an executor on it and fixture loading for the conformance tests. */
final class Harness {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final String SM_ARN = "arn:aws:states:eu-south-1:123456789012:stateMachine:test";

    final MutableClock clock = new MutableClock(T0);
    final ExecutionStore store;
    final StepFunctionsExecutor executor;

    Harness(TaskInvoker invoker) {
        this(invoker, new InMemoryExecutionStore());
    }

    Harness(TaskInvoker invoker, ExecutionStore store) {
        this.store = store;
        this.executor = StepFunctionsExecutor.builder()
                .clock(clock)
                .taskInvoker(invoker)
                .store(store)
                .seed(7)
                .build();
    }

    static String fixture(String name) {
        try (InputStream in = Harness.class.getResourceAsStream("/conformance/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        return Json.parse(text);
    }

    /** Registers the fixture definition (or inline JSON when it starts with '{') under {@link #SM_ARN}. */
    Harness register(String definition) {
        String text = definition.trim().startsWith("{") ? definition : fixture(definition);
        executor.register(SM_ARN, AslParser.parse(text, Map.of()));
        return this;
    }

    String start(String input) {
        return executor.start(
                SM_ARN, "run-" + executor.listExecutions(SM_ARN, null).size(), input);
    }

    /** Starts, runs to completion on the virtual clock, returns the description. */
    ExecutionDescription run(String input) {
        String arn = start(input);
        executor.runToCompletion(clock);
        return executor.describe(arn);
    }

    List<HistoryEvent> history(String arn) {
        return executor.history(arn);
    }

    List<String> types(String arn) {
        return executor.history(arn).stream().map(HistoryEvent::type).toList();
    }
}
