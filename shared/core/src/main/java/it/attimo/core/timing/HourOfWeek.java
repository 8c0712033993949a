package it.attimo.core.timing;

import java.time.DayOfWeek;
import java.time.LocalDateTime;

/** Index of the 168 hours of a local week: Monday 00:00–00:59 is 0, Sunday 23:00–23:59 is 167. */
public final class HourOfWeek {
    public static final int COUNT = 168;

    private HourOfWeek() {}

    public static int of(DayOfWeek day, int hour) {
        return (day.getValue() - 1) * 24 + hour;
    }

    public static int of(LocalDateTime local) {
        return of(local.getDayOfWeek(), local.getHour());
    }

    public static DayOfWeek day(int index) {
        return DayOfWeek.of(index / 24 + 1);
    }

    public static int hour(int index) {
        return index % 24;
    }
}
