package it.attimo.sfn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code attimo sfn validate|run} commands call. Runs one definition file to completion on a private
 * virtual clock (Waits finish at once), answering Task states from a mock config.
 */
public final class SfnTool {
    /**
     * Placeholder for unknown substitutions inside a JSON string, so deployable files can run directly; an unquoted
     * unknown substitution (a tunable number such as a wait) becomes {@code 1}.
     */
    public static final String PLACEHOLDER_PREFIX = "arn:aws:lambda:eu-south-1:000000000000:function:";

    private static final String SM_ARN_PREFIX = "arn:aws:states:eu-south-1:000000000000:stateMachine:";

    private final Instant virtualStart;
    private final List<String> warnings = new ArrayList<>();

    /** @param virtualStart the instant the virtual clock starts at (executions start there) */
    public SfnTool(Instant virtualStart) {
        this.virtualStart = virtualStart;
    }

    /** Warnings from the last call (e.g. placeholder substitutions). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Validates a definition file. Substitutions not in {@code subs} get a placeholder ARN and a warning (see
     * {@link #warnings()}), so only real problems are reported.
     */
    public List<AslProblem> validate(Path aslFile, Map<String, String> subs) {
        warnings.clear();
        String text = substitute(read(aslFile), subs);
        return AslValidator.validate(text, Map.of());
    }

    public ObjectNode run(Path aslFile, String inputJson, Optional<Path> mockConfig, Optional<String> testCase) {
        return run(aslFile, inputJson, mockConfig, testCase, Map.of());
    }

    /**
     * Runs the file to completion and returns {@code {"status", "output" | "error"+"cause", "history": [...],
     * "warnings": [...]}}; history entries are {@code {"type":"StateEntered"|"StateExited","state","input"|"output",
     * "timestamp"}}. Throws {@link AslValidationException} for an invalid definition, IllegalArgumentException for a bad
     * mock config or test case.
     */
    public ObjectNode run(
            Path aslFile,
            String inputJson,
            Optional<Path> mockConfig,
            Optional<String> testCase,
            Map<String, String> subs) {
        warnings.clear();
        AslDefinition definition = AslParser.parse(substitute(read(aslFile), subs), Map.of());
        String machineName = machineName(aslFile);
        TaskInvoker unmocked = request -> {
            throw new TaskFailedException(
                    ErrorNames.RUNTIME,
                    "Task state '" + request.stateName() + "' has no mocked response"
                            + (mockConfig.isPresent() ? " in the test case" : " (pass a mock config)"));
        };
        TaskInvoker invoker = unmocked;
        MockTaskInvoker mocks = null;
        if (mockConfig.isPresent()) {
            MockConfig config = MockConfig.parse(read(mockConfig.get()));
            List<String> cases = config.testCases(machineName);
            String chosen = testCase.orElseGet(() -> {
                if (cases.size() != 1) {
                    throw new IllegalArgumentException("mock config has " + cases.size()
                            + " test cases for state machine '" + machineName + "' " + cases + ": choose one");
                }
                return cases.get(0);
            });
            mocks = new MockTaskInvoker(config, machineName, chosen, unmocked);
            invoker = mocks;
        }
        MutableClock clock = new MutableClock(virtualStart);
        StepFunctionsExecutor executor = StepFunctionsExecutor.builder()
                .clock(clock)
                .taskInvoker(invoker)
                .build();
        if (mocks != null) {
            mocks.bindCallbacks(executor);
        }
        String smArn = SM_ARN_PREFIX + machineName;
        executor.register(smArn, definition);
        String arn = executor.start(smArn, "local-run", inputJson);
        executor.runToCompletion(clock);
        return report(executor.describe(arn), executor.history(arn));
    }

    private ObjectNode report(ExecutionDescription description, List<HistoryEvent> history) {
        ObjectNode out = Json.object();
        out.put("status", description.status().name());
        description.output().ifPresent(o -> out.set("output", o));
        description.error().ifPresent(e -> out.put("error", e));
        description.cause().ifPresent(c -> out.put("cause", c));
        if (description.status() == ExecutionStatus.RUNNING) {
            out.put("note", "the execution is still RUNNING: a task waits for a callback and has no timeout");
        }
        ArrayNode events = out.putArray("history");
        for (HistoryEvent event : history) {
            if (event.isStateEntered() || event.isStateExited()) {
                ObjectNode e = events.addObject();
                e.put("type", event.isStateEntered() ? "StateEntered" : "StateExited");
                e.put("state", event.stateName());
                String field = event.isStateEntered() ? "input" : "output";
                e.set(field, event.details().path(field));
                e.put("timestamp", event.timestamp().toString());
            }
        }
        ArrayNode warningList = out.putArray("warnings");
        warnings.forEach(warningList::add);
        return out;
    }

    private String substitute(String text, Map<String, String> subs) {
        java.util.regex.Matcher matcher =
                java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9_.:-]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = subs.get(name);
            if (value == null) {
                boolean quoted = matcher.start() > 0 && text.charAt(matcher.start() - 1) == '"';
                value = quoted ? PLACEHOLDER_PREFIX + name : "1";
                String warning = "substitution ${" + name + "} not given: using " + value;
                if (!warnings.contains(warning)) {
                    warnings.add(warning);
                }
            }
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The state machine name used for mock configs: the file name without {@code .asl.json} (or {@code .json}). */
    static String machineName(Path aslFile) {
        String file = aslFile.getFileName().toString();
        if (file.endsWith(".asl.json")) {
            return file.substring(0, file.length() - ".asl.json".length());
        }
        return file.endsWith(".json") ? file.substring(0, file.length() - ".json".length()) : file;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
