package it.attimo.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.customer.Segment;
import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.geo.CustomerLocation;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ItalianCalendarTest {
    private static final ItalianCalendar CAL = ItalianCalendar.bundled();
    private static final ComuneDirectory DIR = CAL.directory();

    private static CustomerLocation at(String code) {
        return CustomerLocation.of(DIR.requireCode(code));
    }

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @ParameterizedTest(name = "{1} {2}")
    @CsvSource({
        // Nord-ovest
        "001272,Torino,2026-06-24",
        "015146,Milano,2026-12-07",
        "108033,Monza,2026-06-24",
        "010025,Genova,2026-06-24",
        "007003,Aosta,2026-09-07",
        "005005,Asti,2026-05-05",
        // Nord-est
        "022205,Trento,2026-06-26",
        "027042,Venezia,2026-11-21",
        "037006,Bologna,2026-10-04",
        "028060,Padova,2026-06-13",
        // Centro
        "058091,Roma,2026-06-29",
        "054039,Perugia,2026-01-29",
        "048017,Firenze,2026-06-24",
        "042002,Ancona,2026-05-04",
        // Sud
        "072006,Bari,2026-05-08",
        "063049,Napoli,2026-09-19",
        "065116,Salerno,2026-09-21",
        "080063,Reggio di Calabria,2026-04-23",
        // Isole
        "082053,Palermo,2026-07-15",
        "087015,Catania,2026-02-05",
        "092009,Cagliari,2026-10-30",
        "090064,Sassari,2026-12-06"
    })
    void patronDaysAcrossMacroAreas(String code, String city, String date) {
        DayStatus s = CAL.statusOf(d(date), at(code));
        assertThat(s.isHoliday()).as(city).isTrue();
        assertThat(s.days()).anySatisfy(day -> {
            assertThat(day.scope()).isIn(DayScope.LOCAL, DayScope.NATIONAL);
            assertThat(day.source()).isNotBlank();
        });
    }

    @Test
    void everyProvinceCapitalHasALocalDay() {
        DIR.all().stream().filter(c -> c.provinceCapital()).forEach(c -> {
            List<CalendarDay> local = CAL.daysOf(2027, c).stream()
                    .filter(x -> x.scope() == DayScope.LOCAL)
                    .toList();
            assertThat(local).as(c.name()).hasSize(1);
            assertThat(local.get(0).source()).as(c.name()).isNotBlank();
        });
    }

    @Test
    void monzaIsNotMilanoOnSantAmbrogio() {
        assertThat(CAL.statusOf(d("2026-12-07"), at("015146")).isHoliday()).isTrue();
        assertThat(CAL.statusOf(d("2026-12-07"), at("108033")).isHoliday()).isFalse();
        assertThat(CAL.statusOf(d("2026-06-24"), at("108033")).hardClosure())
                .get()
                .satisfies(h -> assertThat(h.name()).contains("San Giovanni Battista"));
    }

    @Test
    void bolzanoProvinceHasWhitMondayTrentoDoesNot() {
        LocalDate whitMonday2026 = d("2026-05-25");
        assertThat(CAL.statusOf(whitMonday2026, at("021008")).hardClosure())
                .get()
                .satisfies(h -> assertThat(h.name()).isEqualTo("Lunedì di Pentecoste"));
        // Merano/Meran, another comune of the province
        assertThat(CAL.statusOf(whitMonday2026, at("021051")).isHoliday()).isTrue();
        assertThat(CAL.statusOf(whitMonday2026, CustomerLocation.ofProvince("BZ"))
                        .isHoliday())
                .isTrue();
        assertThat(CAL.statusOf(whitMonday2026, at("022205")).isHoliday()).isFalse();
        assertThat(CAL.statusOf(d("2026-06-26"), at("022205")).isHoliday()).isTrue();
        assertThat(CAL.statusOf(d("2026-06-26"), at("021008")).isHoliday()).isFalse();
    }

    @Test
    void perYearOverrideMovesAgrigento2024() {
        assertThat(CAL.statusOf(d("2024-02-26"), at("084001")).isHoliday()).isTrue();
        assertThat(CAL.statusOf(d("2024-02-25"), at("084001")).isHoliday()).isFalse();
        assertThat(CAL.statusOf(d("2025-02-25"), at("084001")).isHoliday()).isTrue();
        PatronDayCalendar moved = CAL.patrons().withOverride("015146", d("2027-12-06"), "test move");
        assertThat(moved.ownLocalDay(DIR.requireCode("015146"), 2027))
                .get()
                .satisfies(x -> assertThat(x.date()).isEqualTo(d("2027-12-06")));
    }

    @Test
    void provinceOnlyGetsCapitalPatronAsSoft() {
        DayStatus s = CAL.statusOf(d("2026-12-07"), CustomerLocation.ofProvince("MI"));
        assertThat(s.isHoliday()).isFalse();
        assertThat(s.softDays())
                .singleElement()
                .satisfies(x -> assertThat(x.name()).contains("Milano"));
    }

    @Test
    void nonCapitalComuneGetsCapitalPatronAsSoft() {
        // Sesto San Giovanni (MI): its own patron day is not in the table
        DayStatus s = CAL.statusOf(d("2026-12-07"), at("015209"));
        assertThat(s.isHoliday()).isFalse();
        assertThat(s.softDays()).isNotEmpty();
    }

    @Test
    void softPeriods() {
        CustomerLocation milano = at("015146");
        assertThat(CAL.statusOf(d("2026-08-10"), milano, Segment.B2B).softDays())
                .isNotEmpty();
        assertThat(CAL.statusOf(d("2026-08-10"), milano, Segment.B2C).softDays())
                .isEmpty();
        assertThat(CAL.statusOf(d("2026-08-14"), milano, Segment.B2B).softDays())
                .anySatisfy(x -> assertThat(x.name()).contains("Ferragosto"));
        assertThat(CAL.statusOf(d("2026-12-24"), milano, Segment.B2C).softDays())
                .isNotEmpty();
        assertThat(CAL.statusOf(d("2026-12-31"), milano, Segment.B2C).softDays())
                .isNotEmpty();
        assertThat(CAL.statusOf(d("2026-12-22"), milano, Segment.B2C).softDays())
                .isNotEmpty();
        assertThat(CAL.statusOf(d("2026-12-21"), milano, Segment.B2C).softDays())
                .isEmpty();
        assertThat(CAL.statusOf(d("2027-01-07"), milano, Segment.B2C).softDays())
                .isEmpty();
        assertThat(CAL.statusOf(d("2027-01-07"), at("082053"), Segment.B2C).softDays())
                .isNotEmpty();
    }

    @Test
    void daysOfListsNationalLocalAndSoftSorted() {
        List<CalendarDay> days = CAL.daysOf(2026, "Roma");
        assertThat(days).isSortedAccordingTo(java.util.Comparator.comparing(CalendarDay::date));
        assertThat(days).filteredOn(x -> x.scope() == DayScope.NATIONAL).hasSize(12);
        assertThat(days)
                .filteredOn(x -> x.scope() == DayScope.LOCAL)
                .singleElement()
                .satisfies(x -> assertThat(x.date()).isEqualTo(d("2026-06-29")));
        assertThat(days)
                .filteredOn(x -> x.scope() == DayScope.SOFT)
                .isNotEmpty()
                .noneSatisfy(x -> assertThat(x.date()).isEqualTo(d("2026-12-25")));
    }
}
