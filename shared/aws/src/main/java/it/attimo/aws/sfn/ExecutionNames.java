package it.attimo.aws.sfn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Step Functions execution names: 1-80 characters, no whitespace, brackets, wildcards, control characters or
 * {@code " # % \ ^ | ~ ` $ & , ; : /}. A valid name passes unchanged; any other maps deterministically (so a retried
 * start, or a stop, finds the same execution): forbidden characters become '-', and a name still too long keeps its
 * head and gains a hash of the whole original.
 */
public final class ExecutionNames {
    static final int MAX_LENGTH = 80;
    private static final String FORBIDDEN = " <>{}[]?*\"#%\\^|~`$&,;:/";

    private ExecutionNames() {}

    public static String safe(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("an execution name is required");
        StringBuilder cleaned = new StringBuilder(name.length());
        boolean changed = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean bad = Character.isWhitespace(c)
                    || Character.isISOControl(c)
                    || FORBIDDEN.indexOf(c) >= 0
                    || (c >= 0x7F && c <= 0x9F);
            cleaned.append(bad ? '-' : c);
            changed |= bad;
        }
        if (cleaned.length() <= MAX_LENGTH && !changed) return name;
        if (cleaned.length() <= MAX_LENGTH) return cleaned.toString();
        String hash = sha256Hex(name).substring(0, 16);
        return cleaned.substring(0, MAX_LENGTH - hash.length() - 1) + "-" + hash;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
