package it.attimo.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.local.SamTemplate;
import it.attimo.sfn.AslProblem;
import it.attimo.sfn.AslValidationException;
import it.attimo.sfn.SfnTool;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attimo sfn validate|run}: the local Step Functions executor as a tool. */
@Command(
        name = "sfn",
        mixinStandardHelpOptions = true,
        description = "Validate or run an Amazon States Language file on a virtual clock (waits finish at once).",
        subcommands = {SfnCommand.Validate.class, SfnCommand.Run.class})
public final class SfnCommand implements Runnable {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required: validate, run");
    }

    /**
     * Substitutions for a definition file: template.yaml's DefinitionSubstitutions when the file is one of the project's
     * state machines, else none (the tool then uses placeholders and warns).
     */
    static Map<String, String> substitutionsFor(Path file) {
        try {
            Path home = ProjectPaths.home();
            SamTemplate template = SamTemplate.read(home.resolve("template.yaml"));
            for (SamTemplate.StateMachine sm : template.stateMachines()) {
                if (Files.isSameFile(home.resolve(sm.definitionUri()), file)) {
                    return sm.substitutions();
                }
            }
        } catch (IOException | RuntimeException noProject) {
            // not inside the project: placeholders
        }
        return Map.of();
    }

    static Path existingFile(CommandSpec spec, String path) {
        Path file = ProjectPaths.userPath(path);
        if (!Files.isRegularFile(file)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no such file: " + path);
        }
        return file;
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = "Report every problem of a definition (exit 1 if there is any).")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<file.asl.json>")
        String file;

        @Override
        public Integer call() {
            Path path = existingFile(spec, file);
            SfnTool tool = new SfnTool(Instant.EPOCH);
            List<AslProblem> problems = tool.validate(path, substitutionsFor(path));
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            tool.warnings().forEach(w -> err.println("warning: " + w));
            if (problems.isEmpty()) {
                out.println(file + ": valid");
            } else {
                problems.forEach(p -> out.println(file + ": " + p));
                out.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
            }
            out.flush();
            err.flush();
            return problems.isEmpty() ? OK : FAILED;
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description =
                    "Run a definition to completion and print {status, output|error+cause, history} as JSON. "
                            + "Exit 0 when it SUCCEEDED, 1 when it FAILED, TIMED_OUT, was ABORTED or still waits, 2 on bad usage.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<file.asl.json>")
        String file;

        @Option(names = "--input", paramLabel = "<file.json>", description = "execution input (default {})")
        String input;

        @Option(
                names = "--mock-config",
                paramLabel = "<file.json>",
                description = "Step Functions Local MockConfigFile answering the Task states")
        String mockConfig;

        @Option(names = "--test-case", paramLabel = "<name>", description = "test case of the mock config")
        String testCase;

        @Option(
                names = "--start",
                paramLabel = "<ISO instant>",
                description = "virtual start (default 2026-01-01T00:00:00Z)",
                defaultValue = "2026-01-01T00:00:00Z")
        Instant start;

        @Override
        public Integer call() throws IOException {
            Path path = existingFile(spec, file);
            if (testCase != null && mockConfig == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--test-case needs --mock-config");
            }
            String inputJson =
                    input == null ? "{}" : Files.readString(existingFile(spec, input), StandardCharsets.UTF_8);
            try {
                JSON.readTree(inputJson);
            } catch (IOException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--input is not JSON: " + input);
            }
            Optional<Path> mocks = Optional.ofNullable(mockConfig).map(m -> existingFile(spec, m));
            SfnTool tool = new SfnTool(start);
            ObjectNode result;
            try {
                result = tool.run(path, inputJson, mocks, Optional.ofNullable(testCase), substitutionsFor(path));
            } catch (AslValidationException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("attimo sfn run: " + file + " is not a valid state machine:");
                e.problems().forEach(p -> err.println("  " + p));
                err.flush();
                return USAGE;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("attimo sfn run: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            out.flush();
            return "SUCCEEDED".equals(result.path("status").asText()) ? OK : FAILED;
        }
    }
}
