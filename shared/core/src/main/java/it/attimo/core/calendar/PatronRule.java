package it.attimo.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** When a patron day falls in a given year: a fixed day, or the N-th weekday of a month ({@code 1-TUE-05}). */
public sealed interface PatronRule {

    LocalDate in(int year);

    record FixedDay(MonthDay day) implements PatronRule {
        public LocalDate in(int year) {
            return day.atYear(year);
        }
    }

    record NthWeekday(int n, DayOfWeek weekday, int month) implements PatronRule {
        public LocalDate in(int year) {
            return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
        }
    }

    static PatronRule parse(String rule) {
        String r = rule.trim().toUpperCase(Locale.ROOT);
        String[] p = r.split("-");
        if (p.length == 2) return new FixedDay(MonthDay.of(Integer.parseInt(p[0]), Integer.parseInt(p[1])));
        if (p.length == 3) {
            DayOfWeek dow = switch (p[1]) {
                case "MON" -> DayOfWeek.MONDAY;
                case "TUE" -> DayOfWeek.TUESDAY;
                case "WED" -> DayOfWeek.WEDNESDAY;
                case "THU" -> DayOfWeek.THURSDAY;
                case "FRI" -> DayOfWeek.FRIDAY;
                case "SAT" -> DayOfWeek.SATURDAY;
                case "SUN" -> DayOfWeek.SUNDAY;
                default -> throw new IllegalArgumentException("bad weekday in patron rule '" + rule + "'");
            };
            return new NthWeekday(Integer.parseInt(p[0]), dow, Integer.parseInt(p[2]));
        }
        throw new IllegalArgumentException("bad patron rule '" + rule + "'");
    }
}
