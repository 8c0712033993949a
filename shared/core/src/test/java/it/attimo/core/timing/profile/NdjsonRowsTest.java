package it.attimo.core.timing.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonRowsTest {
    private static final String[] FIELDS = {"id", "comune"};

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void handsTheAskedTopLevelFieldsAsTextSkippingNestedValues() {
        List<String> rows = new ArrayList<>();
        long count = NdjsonRows.read(
                text("{\"comune\":\"015146\",\"data\":{\"id\":\"nested\"},\"id\":7}\n{\"tags\":[\"id\"]}\n"),
                "customers",
                FIELDS,
                (line, values) -> rows.add(line + " " + Arrays.toString(values)));
        assertThat(count).isEqualTo(2);
        assertThat(rows).containsExactly("1 [7, 015146]", "2 [null, null]");
    }

    @Test
    void errorsNameWhatIsReadAndTheLineNotTheContent() {
        assertThatThrownBy(() -> NdjsonRows.read(
                        text("{\"id\":\"a\"}\n[\"mario.rossi@example.com\"]\n"),
                        "customers",
                        FIELDS,
                        (line, values) -> {}))
                .hasMessage("customers line 2: not a JSON object");
        assertThatThrownBy(() -> NdjsonRows.read(
                        text("{\"id\":\"a\"}\n{\"id\":\"mario.rossi@example.com\"\n"),
                        "customers",
                        FIELDS,
                        (line, values) -> {}))
                .hasMessageStartingWith("customers line ")
                .hasMessageEndingWith(": invalid JSON")
                .hasMessageNotContaining("mario");
    }
}
