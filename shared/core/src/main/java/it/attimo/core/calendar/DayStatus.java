package it.attimo.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What a local date means for one customer: its holidays (hard) and soft days. */
public record DayStatus(LocalDate date, List<CalendarDay> days) {

    public DayStatus {
        days = List.copyOf(days);
    }

    /** The national or local holiday that closes this day, if any. */
    public Optional<CalendarDay> hardClosure() {
        return days.stream().filter(d -> d.scope().isHard()).findFirst();
    }

    public boolean isHoliday() {
        return hardClosure().isPresent();
    }

    public List<CalendarDay> softDays() {
        return days.stream().filter(d -> d.scope() == DayScope.SOFT).toList();
    }

    public boolean isSunday() {
        return date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    public boolean isWeekend() {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || isSunday();
    }
}
