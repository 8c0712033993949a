package it.attimo.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AttimoSignatureVerifierTest {
    static final String SECRET = "s3cret";
    static final byte[] BODY = "{\"specversion\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);
    final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
    final AttimoSignatureVerifier verifier = new AttimoSignatureVerifier(wall);

    static String independentSignature(String secret, String signedText) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(signedText.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signIsHmacOfTimestampDotBody() throws Exception {
        long ts = wall.millis();
        String expected = independentSignature(SECRET, ts + "." + new String(BODY, StandardCharsets.UTF_8));
        assertThat(AttimoSignatureVerifier.sign(SECRET, ts, BODY))
                .isEqualTo(expected)
                .matches("sha256=[0-9a-f]{64}");
        assertThat(verifier.verify(SECRET, Long.toString(ts), expected, BODY)).isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void toleratesUppercaseHexAndSurroundingSpaces() {
        long ts = wall.millis();
        String sig = AttimoSignatureVerifier.sign(SECRET, ts, BODY);
        assertThat(verifier.verify(
                        SECRET, " " + ts + " ", "sha256=" + sig.substring(7).toUpperCase() + " ", BODY))
                .isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void verdicts() {
        long ts = wall.millis();
        String sig = AttimoSignatureVerifier.sign(SECRET, ts, BODY);
        assertThat(verifier.verify("", Long.toString(ts), sig, BODY)).isEqualTo(SignatureCheck.NOT_CONFIGURED);
        assertThat(verifier.verify(SECRET, null, sig, BODY)).isEqualTo(SignatureCheck.MISSING);
        assertThat(verifier.verify(SECRET, Long.toString(ts), null, BODY)).isEqualTo(SignatureCheck.MISSING);
        assertThat(verifier.verify(SECRET, "1.5e12", sig, BODY)).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(verifier.verify(SECRET, Long.toString(ts), "sha256=abc", BODY))
                .isEqualTo(SignatureCheck.MALFORMED);
        assertThat(verifier.verify(SECRET, Long.toString(ts), "sha256=" + "0".repeat(64), BODY))
                .isEqualTo(SignatureCheck.FORGED);
        assertThat(verifier.verify(SECRET, Long.toString(ts), sig.substring(0, 69), BODY))
                .isEqualTo(SignatureCheck.FORGED);
        long old = ts - AttimoSignatureVerifier.TOLERANCE.toMillis() - 1;
        assertThat(verifier.verify(SECRET, Long.toString(old), AttimoSignatureVerifier.sign(SECRET, old, BODY), BODY))
                .isEqualTo(SignatureCheck.STALE);
        long edge = ts - AttimoSignatureVerifier.TOLERANCE.toMillis();
        assertThat(verifier.verify(SECRET, Long.toString(edge), AttimoSignatureVerifier.sign(SECRET, edge, BODY), BODY))
                .isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void aTimestampThatOverflowsTheAgeComputationIsStale() {
        long absurd = wall.millis() + Long.MIN_VALUE;
        assertThat(verifier.verify(
                        SECRET, Long.toString(absurd), AttimoSignatureVerifier.sign(SECRET, absurd, BODY), BODY))
                .isEqualTo(SignatureCheck.STALE);
        assertThat(verifier.verify(
                        SECRET,
                        Long.toString(Long.MAX_VALUE),
                        AttimoSignatureVerifier.sign(SECRET, Long.MAX_VALUE, BODY),
                        BODY))
                .isEqualTo(SignatureCheck.STALE);
    }
}
