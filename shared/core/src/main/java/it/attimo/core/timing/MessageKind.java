package it.attimo.core.timing;

import java.util.Locale;

/**
 * What a message is, which decides how the planner chooses a slot:
 * TRANSACTIONAL goes at the first slot outside quiet hours; SERVICE at the first slot reaching its threshold;
 * MARKETING at the best slot of the search range, and only if it reaches its threshold.
 */
public enum MessageKind {
    TRANSACTIONAL,
    SERVICE,
    MARKETING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageKind parse(String s) {
        if (s == null)
            throw new IllegalArgumentException("message kind is required (transactional, service, marketing)");
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown message kind '" + s + "' (transactional, service, marketing)");
        }
    }
}
