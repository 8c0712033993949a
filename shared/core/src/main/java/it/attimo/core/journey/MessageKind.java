package it.attimo.core.journey;

import java.util.Locale;

/** What a message is for: decides how strict its timing is. */
public enum MessageKind {
    /** must go out soon (apology for a late delivery): may leave the marketing window, never enters quiet hours */
    TRANSACTIONAL,
    /** part of a service the customer started (welcome, tutorial) */
    SERVICE,
    /** survey or feedback request */
    SURVEY,
    /** promotional: needs a high suitability or waits */
    MARKETING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageKind parse(String s) {
        if (s == null) return SERVICE;
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown message kind '" + s + "' (transactional, service, survey, marketing)");
        }
    }
}
