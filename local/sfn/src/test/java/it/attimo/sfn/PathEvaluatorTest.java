package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PathEvaluatorTest {
    private static final JsonNode INPUT = Harness.json("""
      {"a":{"b":[{"c":1},{"c":2}]},"odd key":"v","n":5}""");

    @Test
    void readsReferencePathsWithDotsBracketsAndIndexes() {
        assertThat(PathEvaluator.read("$.a.b[1].c", INPUT, null)).contains(Harness.json("2"));
        assertThat(PathEvaluator.read("$['odd key']", INPUT, null)).contains(Harness.json("\"v\""));
        assertThat(PathEvaluator.read("$", INPUT, null)).contains(INPUT);
        assertThat(PathEvaluator.read("$.nope.deeper", INPUT, null)).isEmpty();
    }

    @Test
    void readsRicherPathsThroughJsonPath() {
        assertThat(PathEvaluator.read("$.a.b[*].c", INPUT, null)).contains(Harness.json("[1,2]"));
        assertThat(PathEvaluator.read("$.a.b[?(@.c > 1)].c", INPUT, null)).contains(Harness.json("[2]"));
    }

    @Test
    void readsTheContextObjectWithDoubleDollar() {
        JsonNode context = Harness.json("{\"Execution\":{\"Id\":\"arn:x\"}}");
        assertThat(PathEvaluator.read("$$.Execution.Id", INPUT, context)).contains(Harness.json("\"arn:x\""));
    }

    @Test
    void writesResultPathCreatingIntermediateObjectsWithoutTouchingTheInput() {
        JsonNode out = PathEvaluator.write(INPUT, "$.x.y", Harness.json("[1]"));
        assertThat(out.at("/x/y")).isEqualTo(Harness.json("[1]"));
        assertThat(out.get("n").intValue()).isEqualTo(5);
        assertThat(INPUT.has("x")).isFalse();
        assertThat(PathEvaluator.write(INPUT, "$", Harness.json("7"))).isEqualTo(Harness.json("7"));
    }

    @Test
    void resultPathIntoAScalarIsAResultPathMatchFailure() {
        assertThatThrownBy(() -> PathEvaluator.write(INPUT, "$.n.inner", Harness.json("1")))
                .isInstanceOfSatisfying(
                        StatesError.class, e -> assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure"));
        assertThatThrownBy(() -> PathEvaluator.write(Harness.json("[1]"), "$.x", Harness.json("1")))
                .isInstanceOfSatisfying(
                        StatesError.class, e -> assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure"));
    }

    @Test
    void classifiesPaths() {
        assertThat(PathEvaluator.isReferencePath("$.a.b[0]")).isTrue();
        assertThat(PathEvaluator.isReferencePath("$.a[*]")).isFalse();
        assertThat(PathEvaluator.isPathSyntax("$.a[*]")).isTrue();
        assertThat(PathEvaluator.isPathSyntax("$$.Task.Token")).isTrue();
        assertThat(PathEvaluator.isPathSyntax("a.b")).isFalse();
    }
}
