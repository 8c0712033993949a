package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SfnToolTest {
    @TempDir
    Path dir;

    private final SfnTool tool = new SfnTool(Harness.T0);

    private Path copy(String fixture) throws IOException {
        Path file = dir.resolve(fixture);
        Files.writeString(file, Harness.fixture(fixture));
        return file;
    }

    @Test
    void runsADeployableFileWithAMockConfigAndReportsHistory() throws IOException {
        JsonNode report = tool.run(
                copy("journey.asl.json"),
                "{\"customer\":\"c-1\"}",
                Optional.of(copy("journey.mock.json")),
                Optional.of("PlanRetries"));

        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("output")).isEqualTo(Harness.json("{\"sent\":true}"));
        JsonNode history = report.get("history");
        assertThat(history.get(0).get("type").asText()).isEqualTo("StateEntered");
        assertThat(history.get(0).get("state").asText()).isEqualTo("Plan");
        assertThat(history.get(0).get("input")).isEqualTo(Harness.json("{\"customer\":\"c-1\"}"));
        assertThat(history.get(1).get("type").asText()).isEqualTo("StateExited");
        assertThat(history.get(1).get("output").at("/plan/sendAt").asText()).isEqualTo("2026-03-02T10:00:00Z");
        // Plan failed twice (retried after 1s and 2s) and succeeded at t=3s
        assertThat(history.get(1).get("timestamp").asText())
                .isEqualTo(Harness.T0.plusSeconds(3).toString());
        assertThat(report.get("warnings"))
                .extracting(JsonNode::asText)
                .anySatisfy(w -> assertThat(w).contains("${PlanFunction}"));
    }

    @Test
    void withoutAMockConfigATaskFailsNamingTheState() throws IOException {
        JsonNode report = tool.run(copy("journey.asl.json"), "{}", Optional.empty(), Optional.empty());

        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("error").asText()).isEqualTo("States.Runtime");
        assertThat(report.get("cause").asText()).contains("'Plan'").contains("mock");
        assertThat(report.has("output")).isFalse();
    }

    @Test
    void aSingleTestCaseIsChosenAutomaticallyAndSeveralMustBeNamed() throws IOException {
        assertThat(tool.run(copy("park.asl.json"), "{}", Optional.of(copy("park.mock.json")), Optional.empty())
                        .get("status")
                        .asText())
                .isEqualTo("SUCCEEDED");
        assertThatThrownBy(() -> tool.run(
                        copy("journey.asl.json"), "{}", Optional.of(copy("journey.mock.json")), Optional.empty()))
                .hasMessageContaining("choose one");
    }

    @Test
    void pureStateMachinesRunWithoutMocksAndWaitsAreInstant() throws IOException {
        JsonNode report = tool.run(
                copy("wait-variants.asl.json"),
                "{\"delay\":5,\"at\":\"2026-12-24T18:00:00Z\"}",
                Optional.empty(),
                Optional.empty());
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode last = report.get("history").get(report.get("history").size() - 1);
        assertThat(Instant.parse(last.get("timestamp").asText())).isEqualTo(Instant.parse("2026-12-24T18:00:00Z"));
    }

    @Test
    void validateUsesPlaceholdersForMissingSubstitutionsAndReportsRealProblems() throws IOException {
        assertThat(tool.validate(copy("journey.asl.json"), Map.of())).isEmpty();
        assertThat(tool.warnings()).hasSize(2);

        Path broken = dir.resolve("broken.asl.json");
        Files.writeString(broken, """
        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":${Delay},"Next":"Ghost"}}}""");
        List<AslProblem> problems = tool.validate(broken, Map.of());
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo("W");
            assertThat(p.reason()).contains("'Ghost'");
        });
    }

    @Test
    void invalidDefinitionsAreRejectedBeforeRunning() throws IOException {
        Path broken = dir.resolve("broken.asl.json");
        Files.writeString(broken, "{\"StartAt\":\"X\",\"States\":{}}");
        assertThatThrownBy(() -> tool.run(broken, "{}", Optional.empty(), Optional.empty()))
                .isInstanceOf(AslValidationException.class);
    }

    @Test
    void machineNameIsTheFileNameWithoutTheAslJsonSuffix() {
        assertThat(SfnTool.machineName(Path.of("statemachines/onboarding-72h.asl.json")))
                .isEqualTo("onboarding-72h");
        assertThat(SfnTool.machineName(Path.of("x.json"))).isEqualTo("x");
    }
}
