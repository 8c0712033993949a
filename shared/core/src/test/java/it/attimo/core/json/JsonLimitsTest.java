package it.attimo.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

/** What the one parser refuses, each as a JsonProcessingException (a 400), never an error that escapes as a 500. */
class JsonLimitsTest {
    @Test
    void deepNestingIsRefusedWithoutBlowingTheStack() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> Json.parse(deep))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Depth");
        String ok = "[".repeat(Json.MAX_DEPTH - 1) + "]".repeat(Json.MAX_DEPTH - 1);
        assertThat(Json.parse(ok).isArray()).isTrue();
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> Json.parse("{\"id\":\"a\",\"id\":\"b\"}"))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Duplicate field 'id'");
    }

    @Test
    void nonFiniteNumbersAreRefused() throws Exception {
        assertThatThrownBy(() -> Json.parse("{\"n\":NaN}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.parse("{\"n\":Infinity}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.parse("{\"n\":1e400}"))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> Json.parse("{\"n\":-1e400}")).isInstanceOf(JsonProcessingException.class);
        assertThat(Json.parse("{\"n\":1.5e300}").path("n").asDouble()).isEqualTo(1.5e300);
        assertThat(Json.parse("{\"n\":12345678901234567890}").path("n").isBigInteger())
                .isTrue();
    }

    @Test
    void truncatedBodiesAreRefusedAndEmptyOnesAreMissing() throws Exception {
        assertThatThrownBy(() -> Json.parse("{\"id\":\"abc")).isInstanceOf(JsonProcessingException.class);
        assertThat(Json.parse("").isMissingNode()).isTrue();
        assertThat(Json.parse("   ").isMissingNode()).isTrue();
    }
}
