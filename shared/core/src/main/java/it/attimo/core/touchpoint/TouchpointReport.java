package it.attimo.core.touchpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.analytics.AnalyticsQueries.Answer;
import it.attimo.core.analytics.AnalyticsQueries.Csv;
import it.attimo.core.analytics.AnalyticsQueries.Request;
import it.attimo.core.error.BadRequest;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.json.Json;
import it.attimo.core.port.CustomerScan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /touchpoints}: every touchpoint of the inventory, watched: events in the period, the last event, customers
 * reached, how many of them then reached the touchpoint's milestone, and alerts when it fell silent (no event for
 * longer than its {@code silentAfter}) or its output is not handled (a request event with no handled event within
 * the time, once that time has passed). One pass over the event log (a report, never on the hot path). A touchpoint
 * with variants lists them with the numbers of the experiment testing them, as {@code GET /experiments} reads it (the
 * whole experiment, not the period).
 */
public final class TouchpointReport {
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(7);
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final TouchpointCatalog catalog;
    private final CustomerScan scan;
    private final Clock clock;
    private final Function<String, Optional<ObjectNode>> experiments;

    public TouchpointReport(TouchpointCatalog catalog, CustomerScan scan, Clock clock) {
        this(catalog, scan, clock, id -> Optional.empty());
    }

    /**
     * @param experiments the experiment testing a touchpoint's variants, as {@code GET /experiments} shows it
     *     ({@code ExperimentReports.onTouchpoint})
     */
    public TouchpointReport(
            TouchpointCatalog catalog,
            CustomerScan scan,
            Clock clock,
            Function<String, Optional<ObjectNode>> experiments) {
        this.catalog = catalog;
        this.scan = scan;
        this.clock = clock;
        this.experiments = experiments;
    }

    private static final class Tally {
        long events;
        Instant last;
        final Set<String> reached = new HashSet<>();
        final Set<String> converted = new HashSet<>();
        long requests;
        long unhandled;
        Instant oldestUnhandled;
    }

    /**
     * {@code variants: [{id, target, exposures, conversions, rate}]} (the numbers null while no experiment tests them)
     * and {@code experiment: {id, status, lift, pValue, winner}} (null when none).
     */
    private void variants(Touchpoint t, Map<String, Object> row) {
        Optional<ObjectNode> experiment = experiments.apply(t.id());
        List<Object> variants = new ArrayList<>();
        for (Touchpoint.Variant v : t.variants()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", v.id());
            out.put("target", v.target());
            JsonNode arm = null;
            if (experiment.isPresent()) {
                for (JsonNode a : experiment.get().path("arms")) {
                    if (a.path("name").asText().equals(v.id())) arm = a;
                }
            }
            out.put("exposures", arm == null ? null : arm.path("assigned").asLong());
            out.put("conversions", arm == null ? null : arm.path("converted").asLong());
            out.put(
                    "rate",
                    arm == null || arm.path("rate").isNull()
                            ? null
                            : arm.path("rate").asDouble());
            variants.add(out);
        }
        row.put("variants", variants);
        row.put(
                "experiment",
                experiment
                        .map(e -> {
                            Map<String, Object> out = new LinkedHashMap<>();
                            out.put("id", e.path("id").asText());
                            out.put("status", e.path("status").asText());
                            out.put(
                                    "lift",
                                    e.path("lift").isNull()
                                            ? null
                                            : e.path("lift").asDouble());
                            out.put(
                                    "pValue",
                                    e.path("pValue").isNull()
                                            ? null
                                            : e.path("pValue").asDouble());
                            out.put(
                                    "winner",
                                    e.path("winner").isNull()
                                            ? null
                                            : e.path("winner").asText());
                            return out;
                        })
                        .orElse(null));
    }

    /** @param from null: {@code to} minus 7 days; @param to null: now (business clock) */
    public Map<String, Object> report(Instant from, Instant to) {
        Pass pass = start(from, to);
        scan.forEach(customer -> pass.add(customer.history()));
        return pass.result();
    }

    /**
     * {@code GET /touchpoints[?from&to][&format=csv]}: the report as JSON, or with {@code format=csv} or {@code Accept:
     * text/csv} one CSV line per touchpoint ({@link #CSV_COLUMNS}; sources joined by spaces, alerts by their types).
     */
    public Answer answer(String rawQuery, String accept) {
        Request q = new Request(rawQuery, accept, Set.of("from", "to"));
        Map<String, Object> report = report(q.instant("from", null), q.instant("to", null));
        if (!q.csv()) return new Answer(Answer.JSON, Json.write(report), null);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Object o : (List<?>) report.get("touchpoints")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = new LinkedHashMap<>((Map<String, Object>) o);
            row.put("sources", String.join(" ", (List<String>) row.get("sources")));
            List<String> types = new ArrayList<>();
            List<String> messages = new ArrayList<>();
            for (Object a : (List<?>) row.get("alerts")) {
                types.add(String.valueOf(((Map<?, ?>) a).get("type")));
                messages.add(String.valueOf(((Map<?, ?>) a).get("message")));
            }
            row.put("alerts", String.join(" ", types));
            row.put("alertMessages", String.join("; ", messages));
            row.put("from", report.get("from"));
            row.put("to", report.get("to"));
            lines.add(row);
        }
        return new Answer(Answer.CSV, Csv.write(CSV_COLUMNS, lines), "touchpoints.csv");
    }

    /** The columns of {@code GET /touchpoints?format=csv}. */
    public static final List<String> CSV_COLUMNS = List.of(
            "id",
            "name",
            "kind",
            "owner",
            "output",
            "sources",
            "from",
            "to",
            "events",
            "lastEventAt",
            "customersReached",
            "milestone",
            "conversions",
            "conversionRate",
            "requests",
            "unhandled",
            "status",
            "alerts",
            "alertMessages");

    /**
     * One pass of the report over customers' event logs: {@link #add} each customer's history, then {@link #result}.
     * The analytics refresh feeds it from its own scan, so that its touchpoint alerts cost no second pass.
     */
    public Pass start(Instant from, Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant begin = from == null ? end.minus(DEFAULT_PERIOD) : from;
        if (!begin.isBefore(end)) throw new BadRequest("from must be before to");
        if (Duration.between(begin, end).compareTo(MAX_PERIOD) > 0)
            throw new BadRequest("the period is at most 366 days");
        return new Pass(begin, end);
    }

    /** See {@link #start}. */
    public final class Pass {
        private final Instant start;
        private final Instant end;
        private final Map<String, Touchpoint> bySource = new HashMap<>();
        private final Map<String, Tally> tallies = new LinkedHashMap<>();

        private Pass(Instant start, Instant end) {
            this.start = start;
            this.end = end;
            for (Touchpoint t : catalog.touchpoints()) {
                t.sources().forEach(s -> bySource.put(s, t));
                tallies.put(t.id(), new Tally());
            }
        }

        /** One customer's event log. */
        public void add(List<CustomerEvent> history) {
            Map<String, Instant> firstTouch = new HashMap<>();
            for (CustomerEvent e : history) {
                Touchpoint t = bySource.get(e.source());
                if (t == null || e.time().isAfter(end)) continue;
                Tally tally = tallies.get(t.id());
                if (tally.last == null || e.time().isAfter(tally.last)) tally.last = e.time();
                if (e.time().isBefore(start)) continue;
                tally.events++;
                tally.reached.add(e.customerId());
                firstTouch.merge(t.id(), e.time(), (a, b) -> a.isBefore(b) ? a : b);
                if (t.handling() != null && t.handling().request().equals(e.type())) {
                    tally.requests++;
                    Instant due = e.time().plus(t.handling().within());
                    boolean handled = history.stream()
                            .anyMatch(h -> h.type().equals(t.handling().handled())
                                    && !h.time().isBefore(e.time())
                                    && !h.time().isAfter(due));
                    if (!handled && !due.isAfter(end)) {
                        tally.unhandled++;
                        if (tally.oldestUnhandled == null || e.time().isBefore(tally.oldestUnhandled)) {
                            tally.oldestUnhandled = e.time();
                        }
                    }
                }
            }
            firstTouch.forEach((id, first) -> {
                Touchpoint t = catalog.find(id).orElseThrow();
                if (t.milestone() == null) return;
                boolean reachedMilestone = history.stream()
                        .anyMatch(h -> h.type().equals(t.milestone())
                                && !h.time().isBefore(first)
                                && !h.time().isAfter(end));
                if (reachedMilestone)
                    tallies.get(id).converted.add(history.get(0).customerId());
            });
        }

        /** The report of what was added. */
        public Map<String, Object> result() {
            List<Object> rows = new ArrayList<>();
            int alerts = 0;
            for (Touchpoint t : catalog.touchpoints()) {
                Map<String, Object> row = row(t, tallies.get(t.id()));
                alerts += ((List<?>) row.get("alerts")).size();
                rows.add(row);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("from", start.toString());
            out.put("to", end.toString());
            out.put("alerts", alerts);
            out.put("touchpoints", rows);
            return out;
        }

        private Map<String, Object> row(Touchpoint t, Tally tally) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", t.id());
            row.put("name", t.name());
            row.put("kind", t.kind());
            row.put("owner", t.owner());
            row.put("output", t.output());
            row.put("sources", t.sources());
            row.put("events", tally.events);
            row.put("lastEventAt", tally.last == null ? null : tally.last.toString());
            row.put("customersReached", tally.reached.size());
            row.put("milestone", t.milestone());
            row.put("conversions", t.milestone() == null ? null : tally.converted.size());
            row.put(
                    "conversionRate",
                    t.milestone() == null || tally.reached.isEmpty()
                            ? null
                            : Math.round(1000.0 * tally.converted.size() / tally.reached.size()) / 1000.0);
            row.put("silentAfter", t.silentAfter().toString());
            if (t.qr() != null) row.put("qr", Map.of("code", t.qr().code(), "target", t.qr().target()));
            if (!t.variants().isEmpty()) variants(t, row);
            List<Object> rowAlerts = new ArrayList<>();
            Instant silentSince = end.minus(t.silentAfter());
            if (tally.last == null || tally.last.isBefore(silentSince)) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("type", "silent");
                a.put("lastEventAt", tally.last == null ? null : tally.last.toString());
                a.put("silentAfter", t.silentAfter().toString());
                a.put(
                        "message",
                        (tally.last == null ? "no event ever" : "no event since " + tally.last)
                                + ": check that it still works and that someone watches it (" + t.owner() + ")");
                rowAlerts.add(a);
            }
            if (t.handling() != null) {
                Map<String, Object> handling = new LinkedHashMap<>();
                handling.put("request", t.handling().request());
                handling.put("handled", t.handling().handled());
                handling.put("within", t.handling().within().toString());
                row.put("handling", handling);
                row.put("requests", tally.requests);
                row.put("unhandled", tally.unhandled);
                if (tally.unhandled > 0) {
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("type", "unhandled");
                    a.put("count", tally.unhandled);
                    a.put("oldest", tally.oldestUnhandled.toString());
                    a.put(
                            "message",
                            tally.unhandled + " " + t.handling().request() + " without "
                                    + t.handling().handled() + " within "
                                    + t.handling().within() + " (" + t.output() + ")");
                    rowAlerts.add(a);
                }
            }
            row.put("status", rowAlerts.isEmpty() ? "ok" : "alert");
            row.put("alerts", rowAlerts);
            return row;
        }
    }
}
