package it.attimo.core.calendar;

import it.attimo.core.customer.Segment;
import it.attimo.core.geo.Comune;
import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.geo.CustomerLocation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calendar a customer lives by: national holidays, their comune's local day, and soft periods.
 * Pure and thread-safe; years are computed once per (location, segment) and cached.
 */
public final class ItalianCalendar {
    private final ComuneDirectory directory;
    private final NationalHolidays national;
    private final PatronDayCalendar patrons;
    private final SoftPeriods softPeriods;
    private final Map<String, Map<LocalDate, List<CalendarDay>>> cache = new ConcurrentHashMap<>();

    public ItalianCalendar(ComuneDirectory directory, PatronDayCalendar patrons, SoftPeriods softPeriods) {
        this.directory = directory;
        this.national = new NationalHolidays();
        this.patrons = patrons;
        this.softPeriods = softPeriods;
    }

    /** Bundled ISTAT list, bundled patron tables, default soft periods. */
    public static ItalianCalendar bundled() {
        ComuneDirectory dir = ComuneDirectory.bundled();
        return new ItalianCalendar(dir, PatronDayCalendar.bundled(dir), SoftPeriods.defaults());
    }

    public ComuneDirectory directory() {
        return directory;
    }

    public PatronDayCalendar patrons() {
        return patrons;
    }

    /** Every noteworthy day of {@code year} for a comune given by ISTAT code or unique name (B2B soft days included, marked). */
    public List<CalendarDay> daysOf(int year, String comuneCodeOrName) {
        return daysOf(year, directory.resolve(comuneCodeOrName));
    }

    public List<CalendarDay> daysOf(int year, Comune comune) {
        return daysOf(year, CustomerLocation.of(comune), null);
    }

    /**
     * Every noteworthy day of {@code year} for a location, sorted by date then scope (national, local, soft).
     * {@code segment == null} includes B2B-only soft days (named "(B2B)"); B2C leaves them out.
     * Soft days that fall on a national or local holiday are left out: the holiday already says it.
     */
    public List<CalendarDay> daysOf(int year, CustomerLocation location, Segment segment) {
        List<CalendarDay> hard = new ArrayList<>(national.of(year));
        List<CalendarDay> local = patrons.daysOf(location, year);
        local.stream().filter(d -> d.scope().isHard()).forEach(hard::add);
        Set<LocalDate> closed = new HashSet<>();
        hard.forEach(d -> closed.add(d.date()));
        List<CalendarDay> all = new ArrayList<>(hard);
        boolean sicily =
                location != null && location.knowsComune() ? location.comune().inSicily() : inSicily(location);
        local.stream()
                .filter(d -> !d.scope().isHard() && !closed.contains(d.date()))
                .forEach(all::add);
        softPeriods.of(year, segment, sicily).stream()
                .filter(d -> !closed.contains(d.date()))
                .forEach(all::add);
        all.sort(Comparator.comparing(CalendarDay::date).thenComparing(CalendarDay::scope));
        return List.copyOf(all);
    }

    public DayStatus statusOf(LocalDate date, CustomerLocation location) {
        return statusOf(date, location, null);
    }

    /** The status of a local date for a customer; {@code segment == null} applies B2B soft days too. */
    public DayStatus statusOf(LocalDate date, CustomerLocation location, Segment segment) {
        CustomerLocation loc = location == null ? CustomerLocation.unknown() : location;
        String key = date.getYear() + "|" + (loc.knowsComune() ? loc.comune().istatCode() : "") + "|"
                + (loc.provinceSigla() == null ? "" : loc.provinceSigla()) + "|" + segment;
        Map<LocalDate, List<CalendarDay>> year =
                cache.computeIfAbsent(key, k -> index(daysOf(date.getYear(), loc, segment)));
        return new DayStatus(date, year.getOrDefault(date, List.of()));
    }

    private boolean inSicily(CustomerLocation location) {
        if (location == null || !location.knowsProvince()) return false;
        return directory.inProvince(location.provinceSigla()).stream().anyMatch(Comune::inSicily);
    }

    private static Map<LocalDate, List<CalendarDay>> index(List<CalendarDay> days) {
        Map<LocalDate, List<CalendarDay>> m = new HashMap<>();
        for (CalendarDay d : days)
            m.computeIfAbsent(d.date(), k -> new ArrayList<>()).add(d);
        m.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(m);
    }
}
