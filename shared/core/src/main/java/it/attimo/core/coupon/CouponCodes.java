package it.attimo.core.coupon;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Coupon codes: {@code SCUSE-} and 10 characters of Crockford's base 32 (no I, L, O, U), 50 random bits, so codes
 * cannot be guessed from one another; the store's conditional write makes them unique.
 */
public final class CouponCodes {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    public static final String PREFIX = "SCUSE-";
    private final RandomGenerator random;

    public CouponCodes() {
        this(new SecureRandom());
    }

    public CouponCodes(RandomGenerator random) {
        this.random = random;
    }

    public String next() {
        StringBuilder b = new StringBuilder(PREFIX);
        for (int i = 0; i < 10; i++) b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        return b.toString();
    }

    public static boolean looksLikeCode(String s) {
        return s != null && s.matches(PREFIX + "[0-9A-HJKMNP-TV-Z]{10}");
    }
}
