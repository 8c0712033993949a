package it.attimo.core.timing;

import java.util.Locale;

/**
 * What a message is for, which decides how the planner chooses a slot and who keeps it when journeys compete:
 * TRANSACTIONAL goes at the first slot outside quiet hours; SERVICE at the first slot reaching its threshold;
 * SURVEY is timed like SERVICE; MARKETING at the best slot of the search range, and only if it reaches its threshold.
 */
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

    /** The kind whose timing rules apply: surveys are timed like service messages (their consent rule differs). */
    public MessageKind timedAs() {
        return this == SURVEY ? SERVICE : this;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageKind parse(String s) {
        if (s == null)
            throw new IllegalArgumentException("message kind is required (transactional, service, survey, marketing)");
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown message kind '" + s + "' (transactional, service, survey, marketing)");
        }
    }
}
