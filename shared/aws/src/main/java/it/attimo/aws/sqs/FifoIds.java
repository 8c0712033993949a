package it.attimo.aws.sqs;

import it.attimo.core.digest.Sha256;

/**
 * SQS FIFO deduplication and group ids: at most 128 characters from alphanumerics and ASCII punctuation. An id that
 * fits is used as is (easy to trace); any other is replaced by its SHA-256 in hex, which is stable across retries.
 */
public final class FifoIds {
    static final int MAX_LENGTH = 128;
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private FifoIds() {}

    public static String of(String id) {
        return usableAsIs(id) ? id : Sha256.hex(id);
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
}
