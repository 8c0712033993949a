package it.attimo.core.tray;

import it.attimo.core.error.Forbidden;
import it.attimo.core.error.NotFound;
import it.attimo.core.ingest.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The party links of trays: {@code base64url(v1|trayId|party|expiry|nonce) + "." + base64url(HMAC-SHA256)}, keyed by
 * a key derived from the webhook secret. A link grants one party of one tray until its expiry (business time). A
 * forged or malformed link is {@link Forbidden} (403), an expired one {@link NotFound} (404); neither message says
 * anything about the tray. Also derives the per-render form nonce and the one-time codes' hashes from the same key.
 */
public final class TrayTokens {
    static final int MAX_LENGTH = 400;
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final String key;
    private final SecureRandom random;

    /** @param secret the webhook secret; the links' key is derived from it, so it is never used twice for the same purpose */
    public TrayTokens(String secret, SecureRandom random) {
        if (secret == null || secret.isEmpty()) throw new IllegalStateException("no secret configured for tray links");
        this.key = Hmac.hex(Hmac.hmacSha256(secret, "attimo/tray-links/v1".getBytes(StandardCharsets.UTF_8)));
        this.random = random;
    }

    public String issue(String trayId, String party, Instant expiresAt) {
        if (!PART.matcher(trayId).matches() || !PART.matcher(party).matches()) {
            throw new IllegalArgumentException("tray and party ids must be [A-Za-z0-9_-]");
        }
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String payload =
                "v1|" + trayId + "|" + party + "|" + expiresAt.getEpochSecond() + "|" + B64.encodeToString(nonce);
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(body) + "." + B64.encodeToString(Hmac.hmacSha256(key, body));
    }

    /**
     * @throws Forbidden for a malformed or forged link
     * @throws NotFound for an expired one
     */
    public TrayLink verify(String token, Instant now) {
        if (token == null || token.length() > MAX_LENGTH) throw forged();
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) throw forged();
        byte[] body;
        byte[] given;
        try {
            body = B64D.decode(token.substring(0, dot));
            given = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw forged();
        }
        if (!Hmac.constantTimeEquals(Hmac.hmacSha256(key, body), given)) throw forged();
        String[] parts = new String(body, StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length != 5 || !parts[0].equals("v1")) throw forged();
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            throw forged();
        }
        if (!now.isBefore(expiresAt)) throw new NotFound("this link has expired");
        return new TrayLink(parts[1], parts[2], expiresAt);
    }

    /** A nonce bound to one rendering of one party's page (tray version): a form posted from an older page is refused. */
    public String formNonce(String trayId, String party, long version) {
        byte[] mac =
                Hmac.hmacSha256(key, ("form|" + trayId + "|" + party + "|" + version).getBytes(StandardCharsets.UTF_8));
        return B64.encodeToString(java.util.Arrays.copyOf(mac, 16));
    }

    public boolean formNonceMatches(String given, String trayId, String party, long version) {
        if (given == null) return false;
        return Hmac.constantTimeEquals(
                formNonce(trayId, party, version).getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** The stored form of a one-time code: never the code itself. */
    public String otpHash(String trayId, String party, String code) {
        return Hmac.hex(
                Hmac.hmacSha256(key, ("otp|" + trayId + "|" + party + "|" + code).getBytes(StandardCharsets.UTF_8)));
    }

    /** A 6-digit one-time code. */
    public String newOtp() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    private static Forbidden forged() {
        return new Forbidden("this link is not valid");
    }
}
