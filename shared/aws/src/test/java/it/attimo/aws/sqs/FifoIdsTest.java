package it.attimo.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

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
        // FIPS 180-2 test vector
        assertThat(FifoIds.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
