package it.attimo.core.journey;

import it.attimo.core.digest.Sha256;
import java.util.regex.Pattern;

/**
 * Step Functions execution names (1-80 characters; no whitespace, brackets, wildcards, control characters or
 * {@code " # % \ ^ | ~ ` $ & , ; : /}), made in one place.
 *
 * <p>{@link #forTrigger} names the execution a triggering event starts: the same journey, customer and event always
 * give the same name, so a redelivered event cannot start a second execution. {@link #safe} makes any other name
 * valid, deterministically (a retried start, or a stop, finds the same execution).
 */
public final class ExecutionNames {
    static final int MAX_LENGTH = 80;
    private static final int TRIGGER_DIGEST = 40;
    private static final int LONG_NAME_DIGEST = 16;
    private static final Pattern READABLE = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern NOT_READABLE = Pattern.compile("[^A-Za-z0-9_-]");
    private static final String FORBIDDEN = " <>{}[]?*\"#%\\^|~`$&,;:/";

    private ExecutionNames() {}

    /**
     * {@code <journey>-<customer>-<event>} when the ids are plain and short; otherwise the journey (cut, stripped to
     * plain characters) and a digest of all three ids, which carries the uniqueness.
     */
    public static String forTrigger(String journey, String customerId, String eventId) {
        String readable = journey + "-" + customerId + "-" + eventId;
        if (readable.length() <= MAX_LENGTH && READABLE.matcher(readable).matches()) return readable;
        String digest = Sha256.hex(journey + "\u0000" + customerId + "\u0000" + eventId);
        String prefix = journeyPrefix(journey);
        prefix = prefix.substring(0, Math.min(prefix.length(), MAX_LENGTH - TRIGGER_DIGEST - 1));
        return prefix + "-" + digest.substring(0, TRIGGER_DIGEST);
    }

    /** The journey part of a {@link #forTrigger} name, before its '-' separator. */
    static String journeyPrefix(String journey) {
        return NOT_READABLE.matcher(journey).replaceAll("_");
    }

    /**
     * A valid name passes unchanged; forbidden characters become '-', and a name still too long keeps its head and
     * gains a digest of the whole original, so different tails stay different.
     */
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
        String digest = Sha256.hex(name).substring(0, LONG_NAME_DIGEST);
        return cleaned.substring(0, MAX_LENGTH - digest.length() - 1) + "-" + digest;
    }

    /** The execution name from an execution ARN or name. */
    public static String nameOf(String executionIdOrName) {
        int i = executionIdOrName.lastIndexOf(':');
        return i < 0 ? executionIdOrName : executionIdOrName.substring(i + 1);
    }
}
