package it.attimo.core.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Verifies {@code X-Attimo-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>} with
 * {@code X-Attimo-Timestamp} in epoch milliseconds, at most 5 minutes from the wall clock (never the virtual one).
 */
public final class AttimoSignatureVerifier {
    public static final String SIGNATURE_HEADER = "X-Attimo-Signature";
    public static final String TIMESTAMP_HEADER = "X-Attimo-Timestamp";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Clock wallClock;

    public AttimoSignatureVerifier(Clock wallClock) {
        this.wallClock = wallClock;
    }

    public SignatureCheck verify(String secret, String timestampHeader, String signatureHeader, byte[] rawBody) {
        if (secret == null || secret.isEmpty()) return SignatureCheck.NOT_CONFIGURED;
        if (timestampHeader == null || signatureHeader == null) return SignatureCheck.MISSING;
        long ts;
        try {
            ts = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return SignatureCheck.MALFORMED;
        }
        String sig = signatureHeader.trim();
        if (!sig.startsWith("sha256=")) return SignatureCheck.MALFORMED;
        byte[] given;
        try {
            given = HexFormat.of().parseHex(sig.substring("sha256=".length()).toLowerCase());
        } catch (IllegalArgumentException e) {
            return SignatureCheck.MALFORMED;
        }
        if (!SignatureCheck.fresh(wallClock.millis(), ts, TOLERANCE.toMillis())) return SignatureCheck.STALE;
        byte[] expected = Hmac.hmacSha256(
                secret, Hmac.concat((timestampHeader.trim() + ".").getBytes(StandardCharsets.UTF_8), rawBody));
        return Hmac.constantTimeEquals(expected, given) ? SignatureCheck.VALID : SignatureCheck.FORGED;
    }

    /**
     * A request without a body ({@code GET}, {@code DELETE}): the signed string is
     * {@code timestamp + "." + method + " " + path}, the path as sent, without the query string.
     */
    public SignatureCheck verifyRequest(
            String secret, String timestampHeader, String signatureHeader, String method, String path) {
        return verify(secret, timestampHeader, signatureHeader, requestLine(method, path));
    }

    public static String signRequest(String secret, long timestampMillis, String method, String path) {
        return sign(secret, timestampMillis, requestLine(method, path));
    }

    private static byte[] requestLine(String method, String path) {
        return (method + " " + path).getBytes(StandardCharsets.UTF_8);
    }

    /** Signs a body the way clients must (used by the demo, tests and the load generator). */
    public static String sign(String secret, long timestampMillis, byte[] rawBody) {
        return "sha256="
                + Hmac.hex(Hmac.hmacSha256(
                        secret, Hmac.concat((timestampMillis + ".").getBytes(StandardCharsets.UTF_8), rawBody)));
    }
}
