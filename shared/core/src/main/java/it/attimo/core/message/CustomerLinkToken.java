package it.attimo.core.message;

import it.attimo.core.ingest.Hmac;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A customer reference that can travel in a link ({@code /unsubscribe/<token>}, {@code /preferences/<token>}) without
 * showing who the customer is: the purpose, the customer id and the expiry are encrypted (AES-256-CTR) and the whole is
 * signed (HMAC-SHA256, encrypt-then-MAC), both keys derived from one secret (the webhook secret). Signing the same
 * reference twice gives the same token, so a message rendered again carries the same link.
 *
 * <p>{@link #verify} refuses a token that is malformed, was not made with this secret (forged), was altered
 * (tampered), belongs to another purpose or has expired, each with its own {@link Rejected.Reason}.
 */
public final class CustomerLinkToken {
    static final String VERSION = "v1";
    private static final int IV = 16;
    private static final int TAG = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] encryptionKey;
    private final byte[] macKey;
    private final Clock clock;

    /** @param secret the webhook secret (a long random one: {@code openssl rand -hex 32}); never logged */
    public CustomerLinkToken(String secret, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a link-token secret is required");
        }
        this.encryptionKey = Hmac.hmacSha256(secret, "attimo/link-token/encryption".getBytes(StandardCharsets.UTF_8));
        this.macKey = Hmac.hmacSha256(secret, "attimo/link-token/signature".getBytes(StandardCharsets.UTF_8));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token for {@code customerId} and {@code purpose} (e.g. {@code unsubscribe}) valid for {@code validity}. */
    public String sign(String customerId, String purpose, Duration validity) {
        Instant expires = clock.instant().plus(validity);
        return sign(customerId, purpose, expires);
    }

    /** A token valid until {@code expires} (to the second). */
    public String sign(String customerId, String purpose, Instant expires) {
        requireText(customerId, "customerId");
        requireText(purpose, "purpose");
        if (purpose.indexOf('\n') >= 0 || customerId.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a link token's purpose and customer id are single-line");
        }
        byte[] plain = (purpose + "\n" + customerId + "\n" + expires.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        byte[] iv = Arrays.copyOf(Hmac.hmacSha256Key(macKey, concat(bytes("iv"), plain)), IV);
        byte[] cipher = crypt(Cipher.ENCRYPT_MODE, iv, plain);
        byte[] body = concat(iv, cipher);
        byte[] tag = tag(body);
        return VERSION + "." + B64.encodeToString(concat(body, tag));
    }

    /**
     * The customer id the token refers to.
     *
     * @throws Rejected when the token is malformed, forged or tampered with, made for another purpose, or expired
     */
    public String verify(String token, String purpose) {
        if (token == null || !token.startsWith(VERSION + ".")) throw new Rejected(Rejected.Reason.MALFORMED);
        byte[] raw;
        try {
            raw = B64D.decode(token.substring(VERSION.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new Rejected(Rejected.Reason.MALFORMED);
        }
        if (raw.length <= IV + TAG) throw new Rejected(Rejected.Reason.MALFORMED);
        byte[] body = Arrays.copyOf(raw, raw.length - TAG);
        byte[] tag = Arrays.copyOfRange(raw, raw.length - TAG, raw.length);
        if (!Hmac.constantTimeEquals(tag, tag(body))) throw new Rejected(Rejected.Reason.FORGED);
        byte[] iv = Arrays.copyOf(body, IV);
        String[] parts = new String(
                        crypt(Cipher.DECRYPT_MODE, iv, Arrays.copyOfRange(body, IV, body.length)),
                        StandardCharsets.UTF_8)
                .split("\n", -1);
        if (parts.length != 3) throw new Rejected(Rejected.Reason.MALFORMED);
        if (!parts[0].equals(purpose)) throw new Rejected(Rejected.Reason.WRONG_PURPOSE);
        long expires;
        try {
            expires = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            throw new Rejected(Rejected.Reason.MALFORMED);
        }
        if (!clock.instant().isBefore(Instant.ofEpochSecond(expires))) throw new Rejected(Rejected.Reason.EXPIRED);
        return parts[1];
    }

    private byte[] tag(byte[] body) {
        return Arrays.copyOf(Hmac.hmacSha256Key(macKey, concat(bytes(VERSION), body)), TAG);
    }

    private byte[] crypt(int mode, byte[] iv, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, new SecretKeySpec(encryptionKey, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR unavailable", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is required");
    }

    /** A token that does not stand: why, never which customer. */
    public static final class Rejected extends RuntimeException {
        /** Why a token was refused. */
        public enum Reason {
            MALFORMED,
            FORGED,
            WRONG_PURPOSE,
            EXPIRED
        }

        private final Reason reason;

        public Rejected(Reason reason) {
            super("link token refused: "
                    + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
