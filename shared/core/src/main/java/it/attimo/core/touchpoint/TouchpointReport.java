package it.attimo.core.touchpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.error.BadRequest;
import it.attimo.core.event.CustomerEvent;
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
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(DEFAULT_PERIOD) : from;
        if (!start.isBefore(end)) throw new BadRequest("from must be before to");
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0)
            throw new BadRequest("the period is at most 366 days");
        Map<String, Touchpoint> bySource = new HashMap<>();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (Touchpoint t : catalog.touchpoints()) {
            t.sources().forEach(s -> bySource.put(s, t));
            tallies.put(t.id(), new Tally());
        }
        scan.forEach(customer -> {
            List<CustomerEvent> history = customer.history();
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
        });
        List<Object> rows = new ArrayList<>();
        int alerts = 0;
        for (Touchpoint t : catalog.touchpoints()) {
            Tally tally = tallies.get(t.id());
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
            alerts += rowAlerts.size();
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", start.toString());
        out.put("to", end.toString());
        out.put("alerts", alerts);
        out.put("touchpoints", rows);
        return out;
    }
}
