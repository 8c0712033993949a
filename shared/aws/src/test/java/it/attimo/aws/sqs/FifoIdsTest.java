package it.attimo.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.digest.Sha256;
import org.junit.jupiter.api.Test;

class FifoIdsTest {
    @Test
    void anIdSqsAcceptsIsKeptAsIs() {
        assertThat(FifoIds.of("evt-0001")).isEqualTo("evt-0001");
        assertThat(FifoIds.of("hubspot:123#contact.creation@2026")).isEqualTo("hubspot:123#contact.creation@2026");
        String punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
        assertThat(FifoIds.of(punctuation)).isEqualTo(punctuation);
        assertThat(FifoIds.of("x".repeat(128))).hasSize(128).isEqualTo("x".repeat(128));
    }

    @Test
    void anyOtherIdBecomesItsSha256StablyAndDistinctly() {
        for (String unusable : new String[] {"x".repeat(129), "with space", "accentò", "tab\t", ""}) {
            assertThat(FifoIds.of(unusable))
                    .as(unusable)
                    .matches("[0-9a-f]{64}")
                    .isEqualTo(FifoIds.of(unusable));
        }
        assertThat(FifoIds.of("with space")).isNotEqualTo(FifoIds.of("with  space"));
        assertThat(FifoIds.of("with space")).isEqualTo(Sha256.hex("with space"));
    }
}
