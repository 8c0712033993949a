package it.attimo.core.timing;

import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;

/**
 * A part of the day a customer prefers to be contacted in (Europe/Rome local time), stated in the preference centre.
 * It is a preference, not a window: the planner adds {@link SendWindowPlanner#PREFERRED_BAND_BONUS} to the slots inside
 * it, and quiet hours, holidays and caps still rule.
 */
public enum TimeBand {
    /** 09:00-12:00 */
    MATTINA(LocalTime.of(9, 0), LocalTime.of(12, 0), "mattina (9-12)", "morning (9-12)"),
    /** 14:00-18:00 */
    POMERIGGIO(LocalTime.of(14, 0), LocalTime.of(18, 0), "pomeriggio (14-18)", "afternoon (14-18)"),
    /** 18:00-21:00 */
    SERA(LocalTime.of(18, 0), LocalTime.of(21, 0), "sera (18-21)", "evening (18-21)");

    private final TimeWindow window;
    private final String italian;
    private final String english;

    TimeBand(LocalTime from, LocalTime to, String italian, String english) {
        this.window = new TimeWindow(from, to);
        this.italian = italian;
        this.english = english;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public TimeWindow window() {
        return window;
    }

    /** How the band reads on the preference page. */
    public String label(boolean english) {
        return english ? this.english : italian;
    }

    /** The band named {@code id} ({@code mattina}, {@code pomeriggio}, {@code sera}), empty for null or blank. */
    public static Optional<TimeBand> parse(String id) {
        if (id == null || id.isBlank()) return Optional.empty();
        for (TimeBand b : values()) if (b.id().equals(id.trim().toLowerCase(Locale.ROOT))) return Optional.of(b);
        throw new IllegalArgumentException("unknown time band '" + id + "' (mattina, pomeriggio, sera)");
    }
}
