package it.attimo.core.ingest;

import it.attimo.core.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HubSpot request validation: signature v3 (HMAC-SHA256 of method + URI + body + timestamp, Base64, 5-minute
 * window) and the older v1 (SHA-256 hex of secret + body) and v2 (SHA-256 hex of secret + method + URI + body).
 * v1 and v2 carry no timestamp, so their freshness cannot be judged; duplicates are absorbed downstream. The header
 * names below are where an adapter finds the {@link HubSpotSignature} values.
 */
public final class HubSpotSignatureVerifier {
    public static final String V3_HEADER = "X-HubSpot-Signature-v3";
    public static final String V3_TIMESTAMP = "X-HubSpot-Request-Timestamp";
    public static final String LEGACY_HEADER = "X-HubSpot-Signature";
    public static final String LEGACY_VERSION = "X-HubSpot-Signature-Version";
    static final long MAX_AGE_MILLIS = 300_000;

    /** HubSpot decodes these escapes in the URI before signing. */
    private static final Map<String, String> DECODED = new LinkedHashMap<>();

    static {
        DECODED.put("%3A", ":");
        DECODED.put("%2F", "/");
        DECODED.put("%3F", "?");
        DECODED.put("%40", "@");
        DECODED.put("%21", "!");
        DECODED.put("%24", "$");
        DECODED.put("%27", "'");
        DECODED.put("%28", "(");
        DECODED.put("%29", ")");
        DECODED.put("%2A", "*");
        DECODED.put("%2C", ",");
        DECODED.put("%3B", ";");
    }

    private final Clock wallClock;

    public HubSpotSignatureVerifier(Clock wallClock) {
        this.wallClock = wallClock;
    }

    public SignatureCheck verify(String clientSecret, HubSpotDelivery delivery) {
        if (clientSecret == null || clientSecret.isEmpty()) return SignatureCheck.NOT_CONFIGURED;
        String v3 = delivery.signature().v3();
        if (v3 != null) return verifyV3(clientSecret, delivery, v3);
        String legacy = delivery.signature().legacy();
        if (legacy == null) return SignatureCheck.MISSING;
        String version = delivery.signature().legacyVersion();
        String v = version == null ? "v1" : version.trim().toLowerCase();
        byte[] source;
        if (v.equals("v1")) {
            source = Hmac.concat(clientSecret.getBytes(StandardCharsets.UTF_8), delivery.body());
        } else if (v.equals("v2")) {
            if (delivery.url() == null) return SignatureCheck.MALFORMED;
            source = Hmac.concat(
                    (clientSecret + delivery.method() + delivery.url()).getBytes(StandardCharsets.UTF_8),
                    delivery.body());
        } else {
            return SignatureCheck.MALFORMED;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(legacy.trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            return SignatureCheck.MALFORMED;
        }
        return Hmac.constantTimeEquals(Sha256.digest(source), given) ? SignatureCheck.VALID : SignatureCheck.FORGED;
    }

    private SignatureCheck verifyV3(String secret, HubSpotDelivery delivery, String signature) {
        // Without the URL HubSpot called the signature cannot be recomputed (an adapter that did not rebuild it).
        if (delivery.url() == null) return SignatureCheck.MALFORMED;
        String tsHeader = delivery.signature().v3Timestamp();
        if (tsHeader == null) return SignatureCheck.MISSING;
        long ts;
        try {
            ts = Long.parseLong(tsHeader.trim());
        } catch (NumberFormatException e) {
            return SignatureCheck.MALFORMED;
        }
        if (!SignatureCheck.fresh(wallClock.millis(), ts, MAX_AGE_MILLIS)) return SignatureCheck.STALE;
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return SignatureCheck.MALFORMED;
        }
        byte[] expected =
                Hmac.hmacSha256(secret, v3Source(delivery.method(), delivery.url(), delivery.body(), tsHeader.trim()));
        return Hmac.constantTimeEquals(expected, given) ? SignatureCheck.VALID : SignatureCheck.FORGED;
    }

    static byte[] v3Source(String method, String url, byte[] body, String timestamp) {
        return Hmac.concat(
                (method + decodeUri(url)).getBytes(StandardCharsets.UTF_8),
                body,
                timestamp.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeUri(String url) {
        String out = url;
        for (Map.Entry<String, String> e : DECODED.entrySet()) {
            out = out.replace(e.getKey(), e.getValue()).replace(e.getKey().toLowerCase(), e.getValue());
        }
        return out;
    }

    /** Signs like HubSpot v3 does (for tests, the demo and docs). */
    public static String signV3(String secret, String method, String url, byte[] body, long timestampMillis) {
        return Base64.getEncoder()
                .encodeToString(Hmac.hmacSha256(secret, v3Source(method, url, body, Long.toString(timestampMillis))));
    }

    public static String signV1(String secret, byte[] body) {
        return Sha256.hex(Hmac.concat(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    public static String signV2(String secret, String method, String url, byte[] body) {
        return Sha256.hex(Hmac.concat((secret + method + url).getBytes(StandardCharsets.UTF_8), body));
    }
}
