package it.attimo.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {
    @Test
    void hashesTextAsUtf8IntoLowercaseHex() {
        // FIPS 180-2 test vector
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("accentò")).isEqualTo(Sha256.hex("accentò".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDigestIsTheHexInBytes() {
        byte[] message = "abc".getBytes(StandardCharsets.UTF_8);
        assertThat(Sha256.digest(message)).hasSize(32);
        assertThat(HexFormat.of().formatHex(Sha256.digest(message))).isEqualTo(Sha256.hex(message));
    }
}
