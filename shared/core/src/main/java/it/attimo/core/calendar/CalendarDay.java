package it.attimo.core.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One noteworthy day.
 *
 * @param date   the local date (Europe/Rome)
 * @param name   Italian name, e.g. {@code Festa della Repubblica}
 * @param scope  national, local or soft
 * @param source where the fact comes from (law, table row, configuration)
 * @param softPenalty suitability points a SOFT day takes off a send (0 for national and local days)
 */
public record CalendarDay(LocalDate date, String name, DayScope scope, String source, int softPenalty) {

    public CalendarDay(LocalDate date, String name, DayScope scope, String source) {
        this(date, name, scope, source, 0);
    }

    public CalendarDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        source = source == null ? "" : source;
    }
}
