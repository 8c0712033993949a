package it.attimo.core.calendar;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Italian national public holidays (L. 260/1949 as amended; 4 October from 2026 by L. 151/2025).
 * A holiday on a weekend is not moved. Cross-checked against Jollyday 2.19 in the tests.
 */
public final class NationalHolidays {
    static final String LAW = "L. 260/1949";
    static final int SAN_FRANCESCO_FROM = 2026;

    private record Fixed(MonthDay day, String name, String source) {}

    private static final List<Fixed> FIXED = List.of(
            new Fixed(MonthDay.of(1, 1), "Capodanno", LAW),
            new Fixed(MonthDay.of(1, 6), "Epifania", LAW),
            new Fixed(MonthDay.of(4, 25), "Festa della Liberazione", LAW),
            new Fixed(MonthDay.of(5, 1), "Festa del Lavoro", LAW),
            new Fixed(MonthDay.of(6, 2), "Festa della Repubblica", LAW),
            new Fixed(MonthDay.of(8, 15), "Ferragosto (Assunzione di Maria)", LAW),
            new Fixed(MonthDay.of(11, 1), "Ognissanti", LAW),
            new Fixed(MonthDay.of(12, 8), "Immacolata Concezione", LAW),
            new Fixed(MonthDay.of(12, 25), "Natale", LAW),
            new Fixed(MonthDay.of(12, 26), "Santo Stefano", LAW));

    public List<CalendarDay> of(int year) {
        List<CalendarDay> days = new ArrayList<>(13);
        for (Fixed f : FIXED) days.add(new CalendarDay(f.day().atYear(year), f.name(), DayScope.NATIONAL, f.source()));
        days.add(new CalendarDay(Easter.monday(year), "Lunedì dell'Angelo (Pasquetta)", DayScope.NATIONAL, LAW));
        if (year >= SAN_FRANCESCO_FROM) {
            days.add(new CalendarDay(
                    LocalDate.of(year, 10, 4),
                    "San Francesco d'Assisi, patrono d'Italia",
                    DayScope.NATIONAL,
                    "L. 151/2025"));
        }
        days.sort(Comparator.comparing(CalendarDay::date));
        return List.copyOf(days);
    }
}
