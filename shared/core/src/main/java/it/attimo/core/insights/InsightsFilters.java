package it.attimo.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.analytics.AnalyticsQueries.Request;
import it.attimo.core.error.BadRequest;
import it.attimo.core.geo.MacroArea;
import it.attimo.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The dashboard's common filters: {@code from}, {@code to} (ISO instants; default the 30 days before now), {@code
 * segment} (b2b|b2c), {@code area} (a macro-area as its enum name, NORD_OVEST…, or its ISTAT name, Nord-ovest…, any
 * case; answered in the ISTAT form the profile prints), {@code cluster} (a cluster id of the refresh). Rows are per
 * Europe/Rome day: a day counts when it lies between the Rome dates of {@code from} and {@code to}, both included.
 */
record InsightsFilters(Instant from, Instant to, String segment, String area, Integer cluster) {
    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    static InsightsFilters of(Request q, Instant now, boolean withCluster) {
        Instant to = q.instant("to", now);
        Instant from = q.instant("from", to.minus(DEFAULT_PERIOD));
        if (from.isAfter(to)) throw new BadRequest("from must not be after to");
        String segment = q.text("segment", null);
        if (segment != null) {
            segment = segment.toLowerCase(Locale.ROOT);
            if (!segment.equals("b2b") && !segment.equals("b2c"))
                throw new BadRequest("segment must be b2b or b2c, got '" + q.text("segment", null) + "'");
        }
        String area = area(q.text("area", null));
        Integer cluster = withCluster ? q.integer("cluster", null, 0, Integer.MAX_VALUE) : null;
        return new InsightsFilters(from, to, segment, area, cluster);
    }

    static String area(String text) {
        if (text == null) return null;
        for (MacroArea a : MacroArea.values()) {
            if (a.name().equalsIgnoreCase(text.replace('-', '_').replace(' ', '_'))
                    || a.istatName().equalsIgnoreCase(text)) return a.istatName();
        }
        throw new BadRequest("area must be a macro-area (NORD_OVEST, NORD_EST, CENTRO, SUD, ISOLE or Nord-ovest, "
                + "Nord-est, Centro, Sud, Isole), got '" + text + "'");
    }

    boolean matches(JsonNode row) {
        LocalDate date = LocalDate.parse(row.path("date").asText());
        if (date.isBefore(LocalDate.ofInstant(from, EngagementDays.ROME))
                || date.isAfter(LocalDate.ofInstant(to, EngagementDays.ROME))) return false;
        if (segment != null && !segment.equals(row.path("segment").asText(null))) return false;
        if (area != null && !area.equalsIgnoreCase(row.path("macroArea").asText(""))) return false;
        return cluster == null
                || (row.hasNonNull("cluster") && row.get("cluster").asInt() == cluster);
    }

    /** Whole days in the period (at least one). */
    double days() {
        return Math.max(
                1,
                LocalDate.ofInstant(from, EngagementDays.ROME)
                        .datesUntil(LocalDate.ofInstant(to, EngagementDays.ROME).plusDays(1))
                        .count());
    }

    ObjectNode period() {
        return Json.object().put("from", from.toString()).put("to", to.toString());
    }

    ObjectNode json(boolean withCluster) {
        ObjectNode f = Json.object();
        f.put("segment", segment);
        f.put("area", area);
        if (withCluster) f.put("cluster", cluster);
        return f;
    }
}
