package it.attimo.aws.sqs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SQS FIFO deduplication and group ids: at most 128 characters from alphanumerics and ASCII punctuation. An id that
 * fits is used as is (easy to trace); any other is replaced by its SHA-256 in hex, which is stable across retries.
 */
public final class FifoIds {
    static final int MAX_LENGTH = 128;
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private FifoIds() {}

    public static String of(String id) {
        return usableAsIs(id) ? id : sha256Hex(id);
    }

    static boolean usableAsIs(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) return false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && PUNCTUATION.indexOf(c) < 0) return false;
        }
        return true;
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
