package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AslValidatorTest {

    static Stream<Arguments> problemFixtures() {
        return Arrays.stream(Harness.fixture("validation/expected-problems.psv").split("\n"))
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\\|", 3))
                .map(parts -> Arguments.of(parts[0], parts[1], parts[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problemFixtures")
    void eachInvalidFixtureReportsItsProblemOnTheRightState(String fixture, String state, String reason) {
        String text = Harness.fixture("validation/" + fixture + ".asl.json");

        List<AslProblem> problems = AslValidator.validate(text, Map.of());

        assertThat(problems).as("problems of %s", fixture).anySatisfy(p -> {
            assertThat(p.state()).isEqualTo(state);
            assertThat(p.reason()).contains(reason);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problemFixtures")
    void parseRejectsEachInvalidFixture(String fixture, String state, String reason) {
        String text = Harness.fixture("validation/" + fixture + ".asl.json");

        assertThatThrownBy(() -> AslParser.parse(text, Map.of()))
                .isInstanceOf(AslValidationException.class)
                .satisfies(
                        e -> assertThat(((AslValidationException) e).problems()).isNotEmpty());
    }

    @Test
    void nestedBranchProblemsCarryTheBranchLocationPrefix() {
        List<AslProblem> problems =
                AslValidator.validate(Harness.fixture("validation/nested-branch-next-unknown.asl.json"), Map.of());

        assertThat(problems).extracting(AslProblem::location).contains("/States/P/Branches/0/States/In/Next");
    }

    @Test
    void unknownSubstitutionIsAProblemAndKnownOnesAreReplaced() {
        String text = """
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"${Known}","Next":"W"},
         "W":{"Type":"Wait","Seconds":${Delay},"Next":"U"},
         "U":{"Type":"Task","Resource":"${Unknown}","End":true}}}""";

        assertThat(AslValidator.validate(text, Map.of("Known", "arn:aws:lambda:eu-south-1:1:function:k", "Delay", "5")))
                .extracting(AslProblem::reason)
                .containsExactly("unknown substitution ${Unknown}");
        AslDefinition ok = AslParser.parse(text, Map.of("Known", "arn:k", "Delay", "5", "Unknown", "arn:u"));
        assertThat(ok.json()).contains("\"Seconds\":5").contains("arn:u");
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        String text = """
        {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Ghost"},"B":{"Type":"Task","End":true}}}""";

        assertThat(AslValidator.validate(text, Map.of()))
                .extracting(AslProblem::state)
                .contains("A", "B")
                .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aValidRealisticDefinitionHasNoProblems() {
        assertThat(AslValidator.validate(
                        Harness.fixture("journey.asl.json"),
                        Map.of("PlanFunction", "arn:p", "DispatchFunction", "arn:d")))
                .isEmpty();
        for (String fixture : List.of(
                "pass-and-paths",
                "wait-variants",
                "choice-router",
                "parallel",
                "parallel-fails",
                "map",
                "map-legacy-iterator",
                "fail-paths",
                "retry-backoff",
                "retry-maxdelay",
                "attempts",
                "park",
                "task-paths")) {
            assertThat(AslValidator.validate(Harness.fixture(fixture + ".asl.json"), Map.of()))
                    .as(fixture)
                    .isEmpty();
        }
    }

    @Test
    void invalidJsonIsAProblemNotACrash() {
        assertThat(AslValidator.validate("{\"StartAt\": ", Map.of()))
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).startsWith("invalid JSON"));
    }

    @Test
    void jsonataAndVariablesAreReportedAsUnsupported() {
        List<AslProblem> problems = AslValidator.validate("""
        {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"x":1},"End":true}}}""", Map.of());
        assertThat(problems)
                .extracting(AslProblem::reason)
                .anySatisfy(r -> assertThat(r).contains("JSONPath"))
                .anySatisfy(r -> assertThat(r).contains("'Assign'").contains("not supported"));
    }

    @Test
    void duplicateKeysInTheDefinitionAreRejected() {
        assertThat(AslValidator.validate("""
        {"StartAt":"A","States":{"A":{"Type":"Succeed"},"A":{"Type":"Pass","End":true}}}""", Map.of()))
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("Duplicate field 'A'"));
    }
}
