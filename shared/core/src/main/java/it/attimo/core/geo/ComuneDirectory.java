package it.attimo.core.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every Italian comune, from the bundled ISTAT list ({@code it/attimo/core/geo/comuni.csv}, ISTAT, CC BY 3.0 IT,
 * snapshot 2020-01-01; see NOTICE beside it). Immutable and thread-safe.
 */
public final class ComuneDirectory {
    public static final String RESOURCE = "/it/attimo/core/geo/comuni.csv";
    public static final String SNAPSHOT_DATE = "2020-01-01";
    public static final String ATTRIBUTION =
            "ISTAT, Elenco dei comuni italiani (CC BY 3.0 IT), snapshot " + SNAPSHOT_DATE;

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Everyday names of capitals whose ISTAT name differs (used only when no comune has the name itself). */
    private static final Map<String, String> ALIASES = Map.of(
            "reggio emilia", "035033",
            "reggio calabria", "080063",
            "monza e brianza", "108033",
            "forli-cesena", "040012");

    private final Map<String, Comune> byCode;
    /**
     * Built on the first lookup by name: the functions look comuni up by ISTAT code only, and normalising the ~9,000
     * names was about a fifth of the score and journey functions' init (docs/hardening.md, cold start).
     */
    private volatile Map<String, List<Comune>> byName;

    private final Map<String, List<Comune>> byProvince;

    private static final class Bundled {
        static final ComuneDirectory INSTANCE = load();
    }

    public ComuneDirectory(Collection<Comune> comuni) {
        Map<String, Comune> codes = new LinkedHashMap<>();
        Map<String, List<Comune>> provinces = new LinkedHashMap<>();
        for (Comune c : comuni) {
            if (codes.putIfAbsent(c.istatCode(), c) != null) {
                throw new IllegalArgumentException("duplicate ISTAT code " + c.istatCode());
            }
            provinces
                    .computeIfAbsent(c.provinceSigla().toUpperCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(c);
        }
        this.byCode = Collections.unmodifiableMap(codes);
        provinces.replaceAll((k, v) -> List.copyOf(v));
        this.byProvince = Collections.unmodifiableMap(provinces);
    }

    private Map<String, List<Comune>> byName() {
        Map<String, List<Comune>> names = byName;
        if (names == null) {
            synchronized (this) {
                names = byName;
                if (names == null) byName = names = nameIndex(byCode.values());
            }
        }
        return names;
    }

    private static Map<String, List<Comune>> nameIndex(Collection<Comune> comuni) {
        Map<String, List<Comune>> names = new HashMap<>();
        for (Comune c : comuni) {
            names.computeIfAbsent(normalise(c.name()), k -> new ArrayList<>()).add(c);
            if (!c.otherName().isEmpty()) {
                names.computeIfAbsent(normalise(c.otherName()), k -> new ArrayList<>())
                        .add(c);
                names.computeIfAbsent(normalise(c.displayName()), k -> new ArrayList<>())
                        .add(c);
            }
        }
        names.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(names);
    }

    /** The bundled ISTAT list, loaded once. */
    public static ComuneDirectory bundled() {
        return Bundled.INSTANCE;
    }

    public Optional<Comune> byCode(String istatCode) {
        return istatCode == null ? Optional.empty() : Optional.ofNullable(byCode.get(istatCode.trim()));
    }

    public Comune requireCode(String istatCode) {
        return byCode(istatCode)
                .orElseThrow(() -> new UnknownComuneException("unknown ISTAT comune code '" + istatCode + "'"));
    }

    /**
     * The comune with this name, ignoring case, accents, apostrophe style and extra spaces; bilingual comuni are
     * found by either name. Throws {@link AmbiguousComuneException} (listing candidates) when several match.
     */
    public Comune byName(String name) {
        if (name == null || name.isBlank()) throw new UnknownComuneException("comune name is empty");
        List<Comune> found = byName().getOrDefault(normalise(name), List.of());
        if (found.isEmpty() && ALIASES.containsKey(normalise(name))) {
            found = byCode(ALIASES.get(normalise(name))).map(List::of).orElse(List.of());
        }
        if (found.isEmpty()) throw new UnknownComuneException("no comune named '" + name + "'");
        List<Comune> distinct = found.stream().distinct().toList();
        if (distinct.size() > 1) throw new AmbiguousComuneException(name, distinct);
        return distinct.get(0);
    }

    /** A six-digit ISTAT code or a unique name. */
    public Comune resolve(String codeOrName) {
        if (codeOrName != null && SIX_DIGITS.matcher(codeOrName.trim()).matches()) return requireCode(codeOrName);
        return byName(codeOrName);
    }

    /** All comuni of a province by sigla (e.g. {@code MB}); empty when the sigla is unknown. */
    public List<Comune> inProvince(String sigla) {
        return sigla == null ? List.of() : byProvince.getOrDefault(sigla.trim().toUpperCase(Locale.ROOT), List.of());
    }

    /** The capital(s) of a province: Barletta-Andria-Trani has three. */
    public List<Comune> capitalsOf(String sigla) {
        return inProvince(sigla).stream().filter(Comune::provinceCapital).toList();
    }

    public boolean isProvince(String sigla) {
        return !inProvince(sigla).isEmpty();
    }

    public Collection<Comune> all() {
        return byCode.values();
    }

    public int size() {
        return byCode.size();
    }

    /** Lower case, without accents, one apostrophe style, single spaces: the key names are matched on. */
    static String normalise(String s) {
        String t = s.trim();
        StringBuilder out = new StringBuilder(t.length());
        boolean space = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= 0x80) return normaliseUnicode(t);
            if (c == ' ' || (c >= '\t' && c <= '\r')) { // \s: space, \t, \n, \u000B, \f, \r
                if (!space) out.append(' ');
                space = true;
                continue;
            }
            space = false;
            if (c >= 'A' && c <= 'Z') c = (char) (c + ('a' - 'A'));
            else if (c == '`') c = '\'';
            out.append(c);
        }
        return out.toString();
    }

    /** {@link #normalise} for names with letters beyond ASCII (accents, ’): decomposed, then the marks dropped. */
    static String normaliseUnicode(String s) {
        String n = Normalizer.normalize(s.trim(), Normalizer.Form.NFD);
        n = MARKS.matcher(n).replaceAll("");
        n = n.replace('’', '\'').replace('`', '\'').toLowerCase(Locale.ROOT);
        return WHITESPACE.matcher(n).replaceAll(" ");
    }

    private static ComuneDirectory load() {
        try (InputStream in = ComuneDirectory.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Comune> comuni = new ArrayList<>(8000);
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split(";", -1);
                if (f.length != 10) throw new IllegalStateException("bad line in " + RESOURCE + ": " + line);
                comuni.add(new Comune(
                        f[0],
                        f[1],
                        f[2],
                        f[3],
                        f[4],
                        f[5],
                        f[6],
                        f[7],
                        MacroArea.fromIstatName(f[8]),
                        "1".equals(f[9])));
            }
            return new ComuneDirectory(comuni);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
