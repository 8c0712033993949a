package it.attimo.core.timing.profile;

import java.time.Duration;

/** Defaults of temporal profiles. */
public final class ProfileSettings {
    /** Half-life of an engagement event's weight: recent habits count more, a season ago counts a quarter. */
    public static final Duration HALF_LIFE = Duration.ofDays(42);

    private ProfileSettings() {}
}
