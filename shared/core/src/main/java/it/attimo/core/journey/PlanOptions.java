package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Location;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@code plan} step may add to {@code anchor + offset}, all optional, all from the journey's ASL:
 *
 * @param channels     an ordered channel list: the first one the customer consented to and can be reached on whose
 *                     window allows a send before the deadline; where none does, the earliest allowed slot of e-mail
 *                     (or of the first usable channel when e-mail is not). The plan then returns {@code channel}.
 * @param offsetByArea the offset per macro-area group ({@code Nord}, {@code Centro}, {@code Sud e Isole}), instead of
 *                     {@code offset} where the customer's area is known (seed 001's "magic moment": Nord 68 h, Sud e
 *                     Isole 84 h)
 * @param start        {@code next-working-day}: the window opens at the start of the customer's next working day after
 *                     the anchor (no weekend, holiday or local patron day) instead of at {@code anchor + offset}
 */
public record PlanOptions(List<Channel> channels, Map<String, Duration> offsetByArea, String start) {
    public static final String NEXT_WORKING_DAY = "next-working-day";
    public static final List<String> AREA_GROUPS = List.of("Nord", "Centro", "Sud e Isole");
    public static final PlanOptions NONE = new PlanOptions(List.of(), Map.of(), null);

    public PlanOptions {
        channels = channels == null ? List.of() : List.copyOf(channels);
        offsetByArea = offsetByArea == null ? Map.of() : Map.copyOf(offsetByArea);
        for (String group : offsetByArea.keySet()) {
            if (!AREA_GROUPS.contains(group))
                throw new IllegalArgumentException(
                        "offsetByArea." + group + " is not an area group (" + String.join(", ", AREA_GROUPS) + ")");
        }
        if (start != null && !NEXT_WORKING_DAY.equals(start))
            throw new IllegalArgumentException("start must be " + NEXT_WORKING_DAY);
    }

    /** {@code Nord} (Nord-ovest, Nord-est), {@code Centro}, {@code Sud e Isole} (Sud, Isole), or null when unknown. */
    public static String areaGroup(Location location) {
        String area = location == null ? null : location.macroArea();
        if (area == null) return null;
        String a = area.toLowerCase(Locale.ROOT);
        if (a.startsWith("nord")) return "Nord";
        if (a.startsWith("centro")) return "Centro";
        if (a.startsWith("sud") || a.startsWith("isole")) return "Sud e Isole";
        return null;
    }

    /** The area's offset, or {@code fallback} when this area has none. */
    public Duration offsetFor(Location location, Duration fallback) {
        String group = areaGroup(location);
        Duration d = group == null ? null : offsetByArea.get(group);
        return d == null ? fallback : d;
    }
}
