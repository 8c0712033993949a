package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The project's own state machines (statemachines/ at the repository root) retry and catch on named errors only. */
class ProjectStateMachinesTest {
    /** Step Functions' own errors, Lambda's, and Attimo's named errors: never a Java class name. */
    static final Pattern NAMED_ERROR = Pattern.compile("States\\.[A-Za-z]+|Lambda\\.[A-Za-z]+|Attimo\\.[A-Z][A-Za-z]*");

    @Test
    void everyErrorEqualsOfEveryStateMachineIsANamedErrorNotAJavaClass() throws IOException {
        List<Path> files = stateMachineFiles();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            List<String> errors = new ArrayList<>();
            collectErrorEquals(Harness.json(Files.readString(file)), errors);
            assertThat(errors).as("ErrorEquals of %s", file.getFileName()).isNotEmpty();
            assertThat(errors.stream().filter(e -> !NAMED_ERROR.matcher(e).matches()))
                    .as(
                            "ErrorEquals of %s naming something other than States.*, Lambda.* or Attimo.*",
                            file.getFileName())
                    .isEmpty();
        }
    }

    @Test
    void aJavaClassNameInErrorEqualsIsCaught() {
        List<String> errors = new ArrayList<>();
        collectErrorEquals(Harness.json("""
                {"States":{"T":{"Type":"Task","Retry":[{"ErrorEquals":["it.attimo.core.journey.TransientJourneyException"]}],
                "Catch":[{"ErrorEquals":["java.lang.IllegalArgumentException"],"Next":"E"}]}}}"""), errors);

        assertThat(errors).noneMatch(e -> NAMED_ERROR.matcher(e).matches());
        assertThat(NAMED_ERROR.matcher("Attimo.Transient").matches()).isTrue();
    }

    static void collectErrorEquals(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getKey().equals("ErrorEquals")) f.getValue().forEach(e -> into.add(e.asText()));
                else collectErrorEquals(f.getValue(), into);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectErrorEquals(n, into));
        }
    }

    static List<Path> stateMachineFiles() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("statemachines"))) dir = dir.getParent();
        assertThat(dir)
                .as("a statemachines/ directory above the working directory")
                .isNotNull();
        try (Stream<Path> s = Files.list(dir.resolve("statemachines"))) {
            return s.filter(p -> p.toString().endsWith(".asl.json")).sorted().toList();
        }
    }
}
