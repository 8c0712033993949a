package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntrinsicFunctionsTest {
    private static final JsonNode INPUT = Harness.json("""
      {"id":"c-42","n":3,"list":[1,2,2,3,"a","a"],"obj":{"a":1,"b":{"x":1}},"other":{"b":2,"c":3},
       "text":"{\\"k\\":[1,2]}","csv":"a,b;;c","empty":[]}""");
    private final IntrinsicFunctions functions =
            new IntrinsicFunctions(new Random(1), () -> UUID.fromString("00000000-0000-4000-8000-000000000001"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "States.Format('Hello {}, you have {} points', $.id, $.n)|\"Hello c-42, you have 3 points\"",
                "States.Format('literal \\{\\} and \\'quote\\' {}', true)|\"literal {} and 'quote' true\"",
                "States.StringToJson($.text)|{\"k\":[1,2]}",
                "States.JsonToString($.obj)|\"{\\\"a\\\":1,\\\"b\\\":{\\\"x\\\":1}}\"",
                "States.Array($.id, 1, 'two', null)|[\"c-42\",1,\"two\",null]",
                "States.ArrayPartition(States.Array(1,2,3,4,5), 2)|[[1,2],[3,4],[5]]",
                "States.ArrayContains($.list, 'a')|true",
                "States.ArrayContains($.list, 9)|false",
                "States.ArrayRange(1, 9, 3)|[1,4,7]",
                "States.ArrayRange(5, 1, -2)|[5,3,1]",
                "States.ArrayGetItem($.list, 4)|\"a\"",
                "States.ArrayLength($.list)|6",
                "States.ArrayLength($.empty)|0",
                "States.ArrayUnique($.list)|[1,2,3,\"a\"]",
                "States.Base64Encode('ciao mondo')|\"Y2lhbyBtb25kbw==\"",
                "States.Base64Decode('Y2lhbyBtb25kbw==')|\"ciao mondo\"",
                "States.Hash('abc', 'MD5')|\"900150983cd24fb0d6963f7d28e17f72\"",
                "States.Hash('abc', 'SHA-1')|\"a9993e364706816aba3e25717850c26c9cd0d89d\"",
                "States.Hash('abc', 'SHA-256')|\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"",
                "States.JsonMerge($.obj, $.other, false)|{\"a\":1,\"b\":2,\"c\":3}",
                "States.MathAdd($.n, -10)|-7",
                "States.StringSplit($.csv, ',;')|[\"a\",\"b\",\"c\"]",
                "States.UUID()|\"00000000-0000-4000-8000-000000000001\"",
                "States.Format('{}', States.ArrayLength(States.Array(1, 2)))|\"2\""
            })
    void evaluates(String expression, String expectedJson) {
        assertThat(functions.evaluate(expression, INPUT, Json.object())).isEqualTo(Harness.json(expectedJson));
    }

    @Test
    void hashSha384AndSha512HaveTheRightLength() {
        assertThat(functions
                        .evaluate("States.Hash('abc', 'SHA-384')", INPUT, Json.object())
                        .textValue())
                .hasSize(96)
                .startsWith("cb00753f45a35e8b");
        assertThat(functions
                        .evaluate("States.Hash('abc', 'SHA-512')", INPUT, Json.object())
                        .textValue())
                .hasSize(128)
                .startsWith("ddaf35a193617aba");
    }

    @Test
    void mathRandomIsInRangeAndRepeatableWithASeed() {
        for (int i = 0; i < 50; i++) {
            int value = functions
                    .evaluate("States.MathRandom(10, 20)", INPUT, Json.object())
                    .intValue();
            assertThat(value).isBetween(10, 19);
        }
        JsonNode first = functions.evaluate("States.MathRandom(0, 1000, 42)", INPUT, Json.object());
        JsonNode second = functions.evaluate("States.MathRandom(0, 1000, 42)", INPUT, Json.object());
        assertThat(first).isEqualTo(second);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "States.Format('{} {}', $.id)", "States.StringToJson('not json')", "States.ArrayGetItem($.list, 99)",
                "States.ArrayPartition($.list, 0)", "States.ArrayLength($.id)", "States.Hash('abc', 'SHA-3')",
                "States.JsonMerge($.obj, $.other, true)", "States.MathAdd($.id, 1)", "States.MathAdd(1.5, 1)",
                "States.Base64Decode('***')", "States.Format('{}', $.missing)", "States.ArrayRange(1, 5000, 1)",
                "States.Unknown(1)", "States.Format('unterminated)"
            })
    void failuresAreIntrinsicFailures(String expression) {
        assertThatThrownBy(() -> functions.evaluate(expression, INPUT, Json.object()))
                .isInstanceOfSatisfying(
                        StatesError.class, e -> assertThat(e.error()).isEqualTo("States.IntrinsicFailure"));
    }
}
