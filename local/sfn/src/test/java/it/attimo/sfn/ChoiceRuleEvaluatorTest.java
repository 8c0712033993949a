package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceRuleEvaluatorTest {
    private static final JsonNode INPUT = Harness.json("""
      {"name":"mario","other":"luigi","n":7,"m":7.0,"big":10,"flag":true,"no":false,"nothing":null,
       "at":"2026-03-02T09:00:00Z","later":"2026-03-02T10:00:00+01:00","earlier":"2026-03-01T09:00:00Z",
       "star":"a*b","path":"C:\\\\x"}""");

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "StringEquals; \"mario\"; true",
                "StringEquals; \"luigi\"; false",
                "StringEquals; 7; false",
                "StringLessThan; \"zelda\"; true",
                "StringLessThan; \"mario\"; false",
                "StringGreaterThan; \"luigi\"; true",
                "StringGreaterThan; \"zelda\"; false",
                "StringLessThanEquals; \"mario\"; true",
                "StringLessThanEquals; \"luigi\"; false",
                "StringGreaterThanEquals; \"mario\"; true",
                "StringGreaterThanEquals; \"zelda\"; false",
                "StringMatches; \"ma*\"; true",
                "StringMatches; \"*ri*\"; true",
                "StringMatches; \"lu*\"; false",
                "StringMatches; \"m*o\"; true"
            })
    void stringOperators(String operator, String value, boolean expected) {
        assertThat(matches("{\"Variable\":\"$.name\",\"" + operator + "\":" + value + "}"))
                .isEqualTo(expected);
    }

    @Test
    void stringMatchesEscapesStarAndBackslash() {
        assertThat(matches("{\"Variable\":\"$.star\",\"StringMatches\":\"a\\\\*b\"}"))
                .isTrue();
        assertThat(matches("{\"Variable\":\"$.name\",\"StringMatches\":\"m\\\\*\"}"))
                .isFalse();
        assertThat(matches("{\"Variable\":\"$.path\",\"StringMatches\":\"C:\\\\\\\\*\"}"))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "NumericEquals; 7; true",
                "NumericEquals; 7.0; true",
                "NumericEquals; 8; false",
                "NumericEquals; \"7\"; false",
                "NumericLessThan; 8; true",
                "NumericLessThan; 7; false",
                "NumericGreaterThan; 6.5; true",
                "NumericGreaterThan; 7; false",
                "NumericLessThanEquals; 7; true",
                "NumericLessThanEquals; 6; false",
                "NumericGreaterThanEquals; 7; true",
                "NumericGreaterThanEquals; 7.5; false"
            })
    void numericOperators(String operator, String value, boolean expected) {
        assertThat(matches("{\"Variable\":\"$.n\",\"" + operator + "\":" + value + "}"))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "TimestampEquals; \"2026-03-02T10:00:00+01:00\"; true",
                "TimestampEquals; \"2026-03-02T09:00:01Z\"; false",
                "TimestampLessThan; \"2026-03-02T09:00:01Z\"; true",
                "TimestampLessThan; \"2026-03-02T09:00:00Z\"; false",
                "TimestampGreaterThan; \"2026-03-01T00:00:00Z\"; true",
                "TimestampGreaterThan; \"2026-03-03T00:00:00Z\"; false",
                "TimestampLessThanEquals; \"2026-03-02T09:00:00Z\"; true",
                "TimestampGreaterThanEquals; \"2026-03-02T09:00:00.000Z\"; true",
                "TimestampEquals; \"not a timestamp\"; false"
            })
    void timestampOperatorsCompareInstantsAcrossOffsets(String operator, String value, boolean expected) {
        assertThat(matches("{\"Variable\":\"$.at\",\"" + operator + "\":" + value + "}"))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "StringEqualsPath; $.name; true",
                "StringEqualsPath; $.other; false",
                "StringLessThanPath; $.other; false",
                "StringGreaterThanPath; $.other; true",
                "StringLessThanEqualsPath; $.name; true",
                "StringGreaterThanEqualsPath; $.name; true"
            })
    void stringPathOperatorsCompareTwoInputValues(String operator, String path, boolean expected) {
        assertThat(matches("{\"Variable\":\"$.name\",\"" + operator + "\":\"" + path + "\"}"))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "NumericEqualsPath; $.m; true",
                "NumericLessThanPath; $.big; true",
                "NumericGreaterThanPath; $.big; false",
                "NumericLessThanEqualsPath; $.m; true",
                "NumericGreaterThanEqualsPath; $.big; false",
                "BooleanEqualsPath; $.flag; false",
                "TimestampEqualsPath; $.at; false"
            })
    void numericAndOtherPathOperators(String operator, String path, boolean expected) {
        assertThat(matches("{\"Variable\":\"$.n\",\"" + operator + "\":\"" + path + "\"}"))
                .isEqualTo(expected);
    }

    @Test
    void timestampPathOperators() {
        assertThat(matches("{\"Variable\":\"$.at\",\"TimestampEqualsPath\":\"$.later\"}"))
                .isTrue();
        assertThat(matches("{\"Variable\":\"$.at\",\"TimestampLessThanPath\":\"$.later\"}"))
                .isFalse();
        assertThat(matches("{\"Variable\":\"$.earlier\",\"TimestampLessThanPath\":\"$.at\"}"))
                .isTrue();
        assertThat(matches("{\"Variable\":\"$.at\",\"TimestampGreaterThanPath\":\"$.earlier\"}"))
                .isTrue();
        assertThat(matches("{\"Variable\":\"$.at\",\"TimestampLessThanEqualsPath\":\"$.later\"}"))
                .isTrue();
        assertThat(matches("{\"Variable\":\"$.at\",\"TimestampGreaterThanEqualsPath\":\"$.earlier\"}"))
                .isTrue();
    }

    @Test
    void booleanEquals() {
        assertThat(matches("{\"Variable\":\"$.flag\",\"BooleanEquals\":true}")).isTrue();
        assertThat(matches("{\"Variable\":\"$.no\",\"BooleanEquals\":true}")).isFalse();
        assertThat(matches("{\"Variable\":\"$.flag\",\"BooleanEqualsPath\":\"$.no\"}"))
                .isFalse();
        assertThat(matches("{\"Variable\":\"$.no\",\"BooleanEqualsPath\":\"$.no\"}"))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "IsNull; $.nothing; true", "IsNull; $.n; false",
                "IsPresent; $.n; true", "IsPresent; $.missing; false",
                "IsNumeric; $.m; true", "IsNumeric; $.name; false",
                "IsString; $.name; true", "IsString; $.n; false",
                "IsBoolean; $.no; true", "IsBoolean; $.nothing; false",
                "IsTimestamp; $.later; true", "IsTimestamp; $.name; false"
            })
    void typeTests(String operator, String variable, boolean expected) {
        assertThat(matches("{\"Variable\":\"" + variable + "\",\"" + operator + "\":true}"))
                .isEqualTo(expected);
        assertThat(matches("{\"Variable\":\"" + variable + "\",\"" + operator + "\":false}"))
                .isEqualTo(!expected);
    }

    @Test
    void andOrNotCombine() {
        assertThat(matches("""
        {"And":[{"Variable":"$.n","NumericGreaterThan":5},{"Not":{"Variable":"$.flag","BooleanEquals":false}}]}""")).isTrue();
        assertThat(matches("""
        {"And":[{"Variable":"$.n","NumericGreaterThan":5},{"Variable":"$.flag","BooleanEquals":false}]}""")).isFalse();
        assertThat(matches("""
        {"Or":[{"Variable":"$.n","NumericLessThan":5},{"Variable":"$.name","StringEquals":"mario"}]}""")).isTrue();
        assertThat(matches("""
        {"Or":[{"Variable":"$.n","NumericLessThan":5},{"Variable":"$.name","StringEquals":"x"}]}""")).isFalse();
    }

    @Test
    void aMissingVariableIsARuntimeError() {
        assertThatThrownBy(() -> matches("{\"Variable\":\"$.missing\",\"StringEquals\":\"x\"}"))
                .isInstanceOfSatisfying(
                        StatesError.class, e -> assertThat(e.error()).isEqualTo("States.Runtime"));
    }

    @Test
    void contextPathsCanBeCompared() {
        JsonNode context = Harness.json("{\"Execution\":{\"Name\":\"run-7\"}}");
        assertThat(ChoiceRuleEvaluator.matches(
                        Harness.json("{\"Variable\":\"$$.Execution.Name\",\"StringMatches\":\"run-*\"}"),
                        INPUT,
                        context))
                .isTrue();
    }

    private static boolean matches(String rule) {
        return ChoiceRuleEvaluator.matches(Harness.json(rule), INPUT, Json.object());
    }
}
