package it.attimo.core.calendar;

import it.attimo.core.customer.Segment;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Days when people are harder to reach, configurable. Defaults: August closure weeks 8–22 Aug and
 * 14 Aug (B2B only), 24 and 31 Dec, Christmas school break 22 Dec – 6 Jan (7 Jan in Sicily).
 */
public record SoftPeriods(
        MonthDay augustClosureFrom,
        MonthDay augustClosureTo,
        MonthDay christmasBreakFrom,
        MonthDay christmasBreakTo,
        MonthDay christmasBreakToSicily) {

    /** Suitability points taken off a send on each kind of soft day. */
    public static final int CHRISTMAS_BREAK_PENALTY = 10;

    public static final int SHORT_DAY_PENALTY = 20;
    public static final int AUGUST_CLOSURE_PENALTY = 30;

    static final String SOURCE = "Attimo soft periods (configurable)";
    static final String B2B_SUFFIX = " (B2B)";

    public SoftPeriods {
        Objects.requireNonNull(augustClosureFrom);
        Objects.requireNonNull(augustClosureTo);
        Objects.requireNonNull(christmasBreakFrom);
        Objects.requireNonNull(christmasBreakTo);
        Objects.requireNonNull(christmasBreakToSicily);
    }

    public static SoftPeriods defaults() {
        return new SoftPeriods(
                MonthDay.of(8, 8), MonthDay.of(8, 22), MonthDay.of(12, 22), MonthDay.of(1, 6), MonthDay.of(1, 7));
    }

    /**
     * Soft days of {@code year}. {@code segment == null} lists B2B-only days too, marked "(B2B)";
     * {@code B2C} leaves them out.
     */
    public List<CalendarDay> of(int year, Segment segment, boolean sicily) {
        List<CalendarDay> days = new ArrayList<>();
        MonthDay breakEnd = sicily ? christmasBreakToSicily : christmasBreakTo;
        for (LocalDate d = LocalDate.of(year, 1, 1); !d.isAfter(breakEnd.atYear(year)); d = d.plusDays(1)) {
            days.add(soft(d, "Vacanze scolastiche di Natale", CHRISTMAS_BREAK_PENALTY));
        }
        if (segment != Segment.B2C) {
            for (LocalDate d = augustClosureFrom.atYear(year);
                    !d.isAfter(augustClosureTo.atYear(year));
                    d = d.plusDays(1)) {
                if (d.getMonthValue() == 8 && d.getDayOfMonth() == 14) {
                    days.add(soft(d, "Vigilia di Ferragosto, giornata corta" + B2B_SUFFIX, AUGUST_CLOSURE_PENALTY));
                } else {
                    days.add(soft(d, "Chiusura estiva aziende" + B2B_SUFFIX, AUGUST_CLOSURE_PENALTY));
                }
            }
            LocalDate eve = LocalDate.of(year, 8, 14);
            if (eve.isBefore(augustClosureFrom.atYear(year)) || eve.isAfter(augustClosureTo.atYear(year))) {
                days.add(soft(eve, "Vigilia di Ferragosto, giornata corta" + B2B_SUFFIX, SHORT_DAY_PENALTY));
            }
        }
        for (LocalDate d = christmasBreakFrom.atYear(year); d.getYear() == year; d = d.plusDays(1)) {
            days.add(soft(d, "Vacanze scolastiche di Natale", CHRISTMAS_BREAK_PENALTY));
        }
        days.add(soft(LocalDate.of(year, 12, 24), "Vigilia di Natale, giornata corta", SHORT_DAY_PENALTY));
        days.add(soft(LocalDate.of(year, 12, 31), "San Silvestro, giornata corta", SHORT_DAY_PENALTY));
        return days;
    }

    private static CalendarDay soft(LocalDate d, String name, int penalty) {
        return new CalendarDay(d, name, DayScope.SOFT, SOURCE, penalty);
    }
}
