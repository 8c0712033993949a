package it.attimo.core.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.json.Json;
import it.attimo.core.port.DeadLetters;
import it.attimo.core.port.TemporalModelStore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The alerts the scheduled analytics refresh raises (seed 002's dashboard alerts, and the journeys' health):
 *
 * <ul>
 *   <li>{@code slot-deviation}: over the 7 Rome days before the refresh, the opens of an hour × weekday slot deviate
 *       from the temporal model's expectation (all opens of the week × the model's population share of that slot) by
 *       more than 2σ, σ = √expected (Poisson), in slots expecting at least {@value #MIN_EXPECTED} opens;
 *   <li>{@code drop-off}: between two consecutive step milestones of a journey, the drop-off of the executions started
 *       in the last 7 days is at least twice that of the 7 days before (each week with at least
 *       {@value #MIN_ENTERED} executions past the first milestone, the previous week's drop-off above zero);
 *   <li>{@code dlq}: the events dead-letter queue is not empty (critical);
 *   <li>{@code touchpoint-silent} and {@code touchpoint-unhandled}: the touchpoint inventory's alerts over the 7 days
 *       before the refresh ({@link it.attimo.core.touchpoint.TouchpointReport}, see {@link #touchpoints}).
 * </ul>
 *
 * Ids are stable for one finding in one period (the refresh date, or the ISO week for drop-offs), so the alert
 * message goes out once however often the refresh runs.
 */
public final class InsightsAlerts {
    static final double MIN_EXPECTED = 5;
    static final int MIN_ENTERED = 5;

    private final TemporalModelStore models;
    private final JourneyInsights journeys;
    private final DeadLetters deadLetters;

    public InsightsAlerts(TemporalModelStore models, JourneyInsights journeys, DeadLetters deadLetters) {
        this.models = models;
        this.journeys = journeys;
        this.deadLetters = deadLetters;
    }

    public List<InsightsAlert> detect(Instant asOf, List<ObjectNode> heatRows) {
        List<InsightsAlert> alerts = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(asOf, EngagementDays.ROME);
        models.latest()
                .ifPresent(m -> slotDeviation(asOf, today, heatRows, m.model().population())
                        .ifPresent(alerts::add));
        if (journeys != null) alerts.addAll(dropOffs(asOf));
        int dead = deadLetters.approximateCount();
        if (dead > 0) {
            ObjectNode details = Json.object().put("messages", dead);
            alerts.add(new InsightsAlert(
                    InsightsAlert.DLQ + ":" + today,
                    InsightsAlert.DLQ,
                    InsightsAlert.CRITICAL,
                    "La coda degli eventi scartati (DLQ) contiene " + dead + " messaggi: vanno esaminati e "
                            + "reinviati (attimo dlq).",
                    "The events dead-letter queue holds " + dead + " messages: inspect and redrive them (attimo dlq).",
                    asOf,
                    details));
        }
        return alerts;
    }

    java.util.Optional<InsightsAlert> slotDeviation(
            Instant asOf, LocalDate today, List<ObjectNode> heatRows, double[] population) {
        LocalDate first = today.minusDays(7);
        double[] observed = new double[168];
        double total = 0;
        for (JsonNode row : heatRows) {
            LocalDate date = LocalDate.parse(row.path("date").asText());
            if (date.isBefore(first) || !date.isBefore(today)) continue;
            int day = row.path("weekday").asInt() - 1;
            var hours = row.path("hours").fields();
            while (hours.hasNext()) {
                var h = hours.next();
                double opens = h.getValue().path(1).asDouble();
                observed[day * 24 + Integer.parseInt(h.getKey())] += opens;
                total += opens;
            }
        }
        double share = 0;
        for (double p : population) share += Math.max(0, p);
        if (total == 0 || share <= 0 || population.length != 168) return java.util.Optional.empty();
        ArrayNode slots = Json.MAPPER.createArrayNode();
        for (int slot = 0; slot < 168; slot++) {
            double expected = total * Math.max(0, population[slot]) / share;
            if (expected < MIN_EXPECTED) continue;
            double sigma = Math.sqrt(expected);
            double z = (observed[slot] - expected) / sigma;
            if (Math.abs(z) <= 2) continue;
            slots.addObject()
                    .put("weekday", slot / 24 + 1)
                    .put("hour", slot % 24)
                    .put("observed", (long) observed[slot])
                    .put("expected", InsightsReports.round(expected, 1))
                    .put("sigma", InsightsReports.round(sigma, 2))
                    .put("z", InsightsReports.round(z, 2));
        }
        if (slots.isEmpty()) return java.util.Optional.empty();
        ObjectNode details = Json.object();
        details.put("from", first.toString());
        details.put("to", today.minusDays(1).toString());
        details.put("opens", (long) total);
        details.set("slots", slots);
        JsonNode worst = slots.get(0);
        for (JsonNode s : slots)
            if (Math.abs(s.path("z").asDouble()) > Math.abs(worst.path("z").asDouble())) worst = s;
        String slot = DayOfWeek.of(worst.path("weekday").asInt())
                        .getDisplayName(java.time.format.TextStyle.FULL, Locale.ITALIAN)
                + " " + worst.path("hour").asInt() + ":00";
        String slotEn = DayOfWeek.of(worst.path("weekday").asInt())
                        .getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH)
                + " " + worst.path("hour").asInt() + ":00";
        return java.util.Optional.of(new InsightsAlert(
                InsightsAlert.SLOT_DEVIATION + ":" + today,
                InsightsAlert.SLOT_DEVIATION,
                InsightsAlert.WARNING,
                slots.size() + " fasce orarie con aperture oltre 2σ dal modello temporale negli ultimi 7 giorni (la "
                        + "più lontana: " + slot + ", " + worst.path("observed").asLong() + " aperture contro "
                        + worst.path("expected").asDouble() + " attese).",
                slots.size() + " hour slots with opens beyond 2σ of the temporal model in the last 7 days (furthest: "
                        + slotEn + ", " + worst.path("observed").asLong() + " opens against "
                        + worst.path("expected").asDouble() + " expected).",
                asOf,
                details));
    }

    private List<InsightsAlert> dropOffs(Instant asOf) {
        List<InsightsAlert> out = new ArrayList<>();
        Instant weekStart = asOf.minus(Duration.ofDays(7));
        Instant previousStart = asOf.minus(Duration.ofDays(14));
        String week = it.attimo.core.kpi.OnboardingKpis.isoWeek(asOf);
        // the previous week once, not once per drop-off of this week: each reads every execution's history
        List<JourneyInsights.DropOff> previousWeek = journeys.dropOffs(previousStart, weekStart);
        for (JourneyInsights.DropOff now : journeys.dropOffs(weekStart, asOf)) {
            JourneyInsights.DropOff before = previousWeek.stream()
                    .filter(d -> d.journey().equals(now.journey()) && d.from().equals(now.from()))
                    .findFirst()
                    .orElse(null);
            if (before == null || now.entered() < MIN_ENTERED || before.entered() < MIN_ENTERED) continue;
            double rate = now.rate();
            double previous = before.rate();
            if (previous <= 0 || rate < 2 * previous) continue;
            ObjectNode details = Json.object();
            details.put("journey", now.journey());
            details.put("from", now.from());
            details.put("to", now.to());
            details.put("rate", InsightsReports.round(rate, 3));
            details.put("previousRate", InsightsReports.round(previous, 3));
            details.put("entered", now.entered());
            details.put("previousEntered", before.entered());
            out.add(new InsightsAlert(
                    InsightsAlert.DROP_OFF + ":" + now.journey() + ":" + now.from() + ":" + week,
                    InsightsAlert.DROP_OFF,
                    InsightsAlert.WARNING,
                    "Journey " + now.journey() + ": l'abbandono tra " + now.from() + " e " + now.to()
                            + " è raddoppiato rispetto alla settimana precedente (" + pct(previous) + " → "
                            + pct(rate) + ").",
                    "Journey " + now.journey() + ": the drop-off between " + now.from() + " and " + now.to()
                            + " doubled week over week (" + pct(previous) + " → " + pct(rate) + ").",
                    asOf,
                    details));
        }
        return out;
    }

    private static String pct(double rate) {
        return Math.round(rate * 1000) / 10.0 + "%";
    }

    /**
     * The touchpoint report's alerts as the refresh's: {@code touchpoint-silent} (warning; id per silence, i.e. per last
     * event, so one silence is sent once) and {@code touchpoint-unhandled} (critical: someone waits for an answer; id
     * per Rome day, like the DLQ, so it is sent again each day it lasts). Ids, names and numbers only.
     */
    public static List<InsightsAlert> touchpoints(java.util.Map<String, Object> report, Instant asOf) {
        List<InsightsAlert> out = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(asOf, EngagementDays.ROME);
        for (Object o : (List<?>) report.get("touchpoints")) {
            java.util.Map<?, ?> row = (java.util.Map<?, ?>) o;
            String id = String.valueOf(row.get("id"));
            String name = String.valueOf(row.get("name"));
            for (Object a : (List<?>) row.get("alerts")) {
                java.util.Map<?, ?> alert = (java.util.Map<?, ?>) a;
                ObjectNode details = Json.object();
                details.put("touchpoint", id);
                details.put("owner", String.valueOf(row.get("owner")));
                details.put("output", String.valueOf(row.get("output")));
                if ("silent".equals(alert.get("type"))) {
                    Object last = alert.get("lastEventAt");
                    details.put("lastEventAt", last == null ? null : last.toString());
                    details.put("silentAfter", String.valueOf(alert.get("silentAfter")));
                    String lastRome = last == null ? null : rome(Instant.parse(last.toString()));
                    out.add(new InsightsAlert(
                            TOUCHPOINT_SILENT + ":" + id + ":" + (last == null ? "never" : last),
                            TOUCHPOINT_SILENT,
                            InsightsAlert.WARNING,
                            "Il punto di contatto " + name + " (" + id + ") è silenzioso: "
                                    + (last == null ? "nessun evento mai ricevuto" : "nessun evento dal " + lastRome)
                                    + ". Verificare che funzioni e che qualcuno lo segua (" + row.get("owner") + ").",
                            "The touchpoint " + name + " (" + id + ") is silent: "
                                    + (last == null ? "no event ever received" : "no event since " + lastRome)
                                    + ". Check that it works and that someone watches it (" + row.get("owner") + ").",
                            asOf,
                            details));
                } else if ("unhandled".equals(alert.get("type"))) {
                    long count = ((Number) alert.get("count")).longValue();
                    details.put("count", count);
                    details.put("oldest", String.valueOf(alert.get("oldest")));
                    out.add(new InsightsAlert(
                            TOUCHPOINT_UNHANDLED + ":" + id + ":" + today,
                            TOUCHPOINT_UNHANDLED,
                            InsightsAlert.CRITICAL,
                            "Il punto di contatto " + name + " (" + id + ") ha " + count
                                    + " richieste senza risposta nei tempi: l'output non è gestito ("
                                    + row.get("output") + ").",
                            "The touchpoint " + name + " (" + id + ") has " + count
                                    + " requests not answered in time: its output is not handled ("
                                    + row.get("output") + ").",
                            asOf,
                            details));
                }
            }
        }
        return out;
    }

    public static final String TOUCHPOINT_SILENT = "touchpoint-silent";
    public static final String TOUCHPOINT_UNHANDLED = "touchpoint-unhandled";

    private static String rome(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").format(at.atZone(EngagementDays.ROME));
    }
}
