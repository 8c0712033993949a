package it.attimo.core.timing;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A half-open range of local time of day [from, to). When {@code to} is not after {@code from} the window wraps
 * midnight (quiet hours 21:00–08:00).
 */
public record TimeWindow(LocalTime from, LocalTime to) {

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public static TimeWindow of(String from, String to) {
        return new TimeWindow(LocalTime.parse(from), LocalTime.parse(to));
    }

    public boolean contains(LocalTime t) {
        if (from.isBefore(to)) return !t.isBefore(from) && t.isBefore(to);
        return !t.isBefore(from) || t.isBefore(to);
    }

    public boolean overlaps(TimeWindow other) {
        return contains(other.from) || other.contains(from);
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
