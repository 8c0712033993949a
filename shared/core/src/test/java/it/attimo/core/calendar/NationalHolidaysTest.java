package it.attimo.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NationalHolidaysTest {
    private final NationalHolidays national = new NationalHolidays();

    private static Set<LocalDate> dates(List<CalendarDay> days) {
        return days.stream().map(CalendarDay::date).collect(Collectors.toSet());
    }

    @Test
    void everyNationalHoliday2026To2028() {
        assertThat(dates(national.of(2026)))
                .containsExactlyInAnyOrder(
                        d("2026-01-01"),
                        d("2026-01-06"),
                        d("2026-04-06"),
                        d("2026-04-25"),
                        d("2026-05-01"),
                        d("2026-06-02"),
                        d("2026-08-15"),
                        d("2026-10-04"),
                        d("2026-11-01"),
                        d("2026-12-08"),
                        d("2026-12-25"),
                        d("2026-12-26"));
        assertThat(dates(national.of(2027)))
                .containsExactlyInAnyOrder(
                        d("2027-01-01"),
                        d("2027-01-06"),
                        d("2027-03-29"),
                        d("2027-04-25"),
                        d("2027-05-01"),
                        d("2027-06-02"),
                        d("2027-08-15"),
                        d("2027-10-04"),
                        d("2027-11-01"),
                        d("2027-12-08"),
                        d("2027-12-25"),
                        d("2027-12-26"));
        assertThat(dates(national.of(2028)))
                .containsExactlyInAnyOrder(
                        d("2028-01-01"),
                        d("2028-01-06"),
                        d("2028-04-17"),
                        d("2028-04-25"),
                        d("2028-05-01"),
                        d("2028-06-02"),
                        d("2028-08-15"),
                        d("2028-10-04"),
                        d("2028-11-01"),
                        d("2028-12-08"),
                        d("2028-12-25"),
                        d("2028-12-26"));
    }

    @Test
    void sanFrancescoOnlyFrom2026() {
        assertThat(dates(national.of(2025))).doesNotContain(d("2025-10-04")).hasSize(11);
        assertThat(national.of(2026))
                .filteredOn(h -> h.date().equals(d("2026-10-04")))
                .singleElement()
                .satisfies(h -> {
                    assertThat(h.name()).contains("San Francesco");
                    assertThat(h.source()).contains("151/2025");
                    assertThat(h.scope()).isEqualTo(DayScope.NATIONAL);
                });
    }

    @Test
    void notHolidays() {
        Set<LocalDate> y = dates(national.of(2027));
        assertThat(y)
                .doesNotContain(
                        d("2027-03-19"),
                        d("2027-11-04"),
                        d("2027-03-28") /* Easter Sunday itself is a Sunday anyway */);
    }

    @Test
    void easterMondayNamedInItalian() {
        assertThat(national.of(2026)).anySatisfy(h -> {
            assertThat(h.date()).isEqualTo(d("2026-04-06"));
            assertThat(h.name()).startsWith("Lunedì dell'Angelo");
        });
        assertThat(Easter.whitMonday(2026)).isEqualTo(d("2026-05-25"));
    }

    @ParameterizedTest
    @ValueSource(ints = {2025, 2026, 2027, 2028, 2030, 2038})
    void agreesWithJollydayNationalLayer(int year) {
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.ITALY));
        Set<LocalDate> jolly = manager.getHolidays(java.time.Year.of(year)).stream()
                .map(Holiday::getDate)
                .collect(Collectors.toSet());
        // Jollyday also lists Easter Sunday (a Sunday anyway); in 2038 it coincides with 25 April
        Set<LocalDate> ours = new java.util.HashSet<>(dates(national.of(year)));
        ours.add(Easter.sunday(year));
        assertThat(ours).isEqualTo(jolly);
    }

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }
}
