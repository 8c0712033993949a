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

    /**
     * Who keeps the slot when two journeys want one customer in one window: transactional 4 > service 3 > survey 2 >
     * marketing 1 (ties: the earlier plan keeps its slot).
     */
    public int priority() {
        return switch (this) {
            case TRANSACTIONAL -> 4;
            case SERVICE -> 3;
            case SURVEY -> 2;
            case MARKETING -> 1;
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageKind parse(String s) {
        if (s == null) return SERVICE;
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown message kind '" + s + "' (transactional, service, survey, marketing)");
        }
    }
}
