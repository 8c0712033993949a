package it.attimo.core.calendar;

import it.attimo.core.geo.Comune;
import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.geo.CustomerLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local layer: patron-saint days keyed by comune ISTAT code (every provincial capital, from
 * {@code patron-days.csv}), per-year overrides ({@code patron-overrides.csv}), and Whit Monday for every comune
 * of the Provincia di Bolzano instead of its patron day.
 * <p>
 * A comune without its own row gets its province capital's patron day as SOFT (many residents work in the
 * capital); a customer known only by province gets the same. Bolzano's Whit Monday is province-wide, so it is
 * LOCAL even when only the province is known.
 */
public final class PatronDayCalendar {
    public static final String PATRONS_RESOURCE = "/it/attimo/core/calendar/patron-days.csv";
    public static final String OVERRIDES_RESOURCE = "/it/attimo/core/calendar/patron-overrides.csv";
    /** Suitability points taken off on the province capital's patron day when the comune's own is unknown. */
    public static final int CAPITAL_PATRON_PENALTY = 10;

    static final String BOLZANO_SIGLA = "BZ";
    static final String WHIT_MONDAY_SOURCE = "Provincia autonoma di Bolzano, L.P. 36/1992 (instead of patron days)";

    private record Override(LocalDate date, String note) {}

    private final ComuneDirectory directory;
    private final Map<String, PatronDay> patrons;
    private final Map<String, Map<Integer, Override>> overrides;

    private PatronDayCalendar(
            ComuneDirectory directory, Map<String, PatronDay> patrons, Map<String, Map<Integer, Override>> overrides) {
        this.directory = directory;
        this.patrons = Map.copyOf(patrons);
        this.overrides = Map.copyOf(overrides);
    }

    /** The bundled tables over the bundled ISTAT directory. */
    public static PatronDayCalendar bundled(ComuneDirectory directory) {
        Map<String, PatronDay> patrons = new HashMap<>();
        for (String[] f : readRows(PATRONS_RESOURCE, 6)) {
            patrons.put(f[0], new PatronDay(f[0], f[1], PatronRule.parse(f[2]), f[3], f[4], f[5]));
        }
        Map<String, Map<Integer, Override>> overrides = new HashMap<>();
        for (String[] f : readRows(OVERRIDES_RESOURCE, 4)) {
            overrides
                    .computeIfAbsent(f[0], k -> new HashMap<>())
                    .put(Integer.parseInt(f[1]), new Override(LocalDate.parse(f[2]), f[3]));
        }
        return new PatronDayCalendar(directory, patrons, overrides);
    }

    /** A copy with one more per-year move (e.g. a giunta decision read from configuration). */
    public PatronDayCalendar withOverride(String istatCode, LocalDate date, String note) {
        Map<String, Map<Integer, Override>> o = new HashMap<>();
        overrides.forEach((k, v) -> o.put(k, new HashMap<>(v)));
        o.computeIfAbsent(istatCode, k -> new HashMap<>()).put(date.getYear(), new Override(date, note));
        return new PatronDayCalendar(directory, patrons, o);
    }

    public Optional<PatronDay> patronOf(String istatCode) {
        return Optional.ofNullable(patrons.get(istatCode));
    }

    /** All patron rows (capitals plus a few extra chief towns). */
    public List<PatronDay> all() {
        return List.copyOf(patrons.values());
    }

    /** The comune's own non-working day in {@code year}, if the table knows it (BZ: Whit Monday). */
    public Optional<CalendarDay> ownLocalDay(Comune comune, int year) {
        if (BOLZANO_SIGLA.equals(comune.provinceSigla())) return Optional.of(whitMonday(year));
        PatronDay p = patrons.get(comune.istatCode());
        if (p == null) return Optional.empty();
        Override o = overrides.getOrDefault(comune.istatCode(), Map.of()).get(year);
        if (o != null) {
            return Optional.of(new CalendarDay(
                    o.date(),
                    "Festa patronale: " + p.saint() + " (spostata)",
                    DayScope.LOCAL,
                    "override " + year + ": " + o.note()));
        }
        return Optional.of(
                new CalendarDay(p.rule().in(year), "Festa patronale: " + p.saint(), DayScope.LOCAL, p.source()));
    }

    /** Local and soft patron-related days for a customer's location in {@code year}. */
    public List<CalendarDay> daysOf(CustomerLocation location, int year) {
        if (location == null || !location.knowsProvince()) return List.of();
        if (location.knowsComune()) {
            Optional<CalendarDay> own = ownLocalDay(location.comune(), year);
            if (own.isPresent()) return List.of(own.get());
        }
        String sigla = location.provinceSigla();
        if (BOLZANO_SIGLA.equals(sigla)) return List.of(whitMonday(year));
        List<CalendarDay> soft = new ArrayList<>();
        for (Comune capital : directory.capitalsOf(sigla)) {
            ownLocalDay(capital, year)
                    .ifPresent(d -> soft.add(new CalendarDay(
                            d.date(),
                            d.name() + " (capoluogo " + capital.name() + ")",
                            DayScope.SOFT,
                            (location.knowsComune()
                                            ? "comune's own patron day not in table; "
                                            : "only province known; ")
                                    + "capital's day as soft: " + d.source(),
                            CAPITAL_PATRON_PENALTY)));
        }
        return soft;
    }

    private static CalendarDay whitMonday(int year) {
        return new CalendarDay(Easter.whitMonday(year), "Lunedì di Pentecoste", DayScope.LOCAL, WHIT_MONDAY_SOURCE);
    }

    private static List<String[]> readRows(String resource, int columns) {
        try (InputStream in = PatronDayCalendar.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split(";", columns); // the last column (a note) may itself contain ";"
                if (f.length != columns) throw new IllegalStateException("bad line in " + resource + ": " + line);
                rows.add(f);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
