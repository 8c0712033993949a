package it.attimo.core.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.EventTypes;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.json.Json;
import it.attimo.core.scoring.FieldConditions;
import it.attimo.core.scoring.PlanProblem;
import it.attimo.core.touchpoint.Touchpoint;
import it.attimo.core.touchpoint.TouchpointCatalog;
import it.attimo.core.touchpoint.TouchpointCatalogLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads experiments.json into an {@link ExperimentCatalog}, validating all of it against the journey catalog and the
 * touchpoint inventory: every problem is reported (experiment and field), unknown fields included. A timing experiment
 * names a journey and step, its arms an offset each; a touchpoint experiment names a touchpoint, its arms exactly the
 * touchpoint's variants, and its metric defaults to the touchpoint's milestone.
 */
public final class ExperimentCatalogLoader {
    /** Where the build puts statemachines/experiments.json on the classpath. */
    public static final String BUNDLED = "/it/attimo/core/journey/experiments.json";
    /** The value of {@code attimo.experiments.file} that means "no experiments". */
    public static final String NONE = "none";

    static final Duration MAX_OFFSET = Duration.ofDays(60);
    private static final Set<String> TOP_FIELDS = Set.of("comment", "experiments");
    private static final Set<String> EXPERIMENT_FIELDS = Set.of(
            "id",
            "journey",
            "step",
            "touchpoint",
            "arms",
            "metric",
            "minimumSample",
            "alpha",
            "autoPromote",
            "comment");
    private static final Set<String> ARM_FIELDS = Set.of("name", "offset", "weight");
    private static final Set<String> METRIC_FIELDS = Set.of("name", "events", "within");
    private static final Set<String> METRIC_EVENT_FIELDS = Set.of("type", "where");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final String source;
    private final JourneyCatalog journeys;
    private final TouchpointCatalog touchpoints;
    private final List<PlanProblem> problems = new ArrayList<>();

    private ExperimentCatalogLoader(String source, JourneyCatalog journeys, TouchpointCatalog touchpoints) {
        this.source = source;
        this.journeys = journeys;
        this.touchpoints = touchpoints;
    }

    /** The bundled experiments.json against the bundled touchpoints.json; none when the build bundled no file. */
    public static ExperimentCatalog bundled(JourneyCatalog journeys) {
        return bundled(journeys, TouchpointCatalogLoader.bundled());
    }

    /** The bundled experiments.json; none when the build bundled no file. */
    public static ExperimentCatalog bundled(JourneyCatalog journeys, TouchpointCatalog touchpoints) {
        try (InputStream in = ExperimentCatalogLoader.class.getResourceAsStream(BUNDLED)) {
            if (in == null) return ExperimentCatalog.NONE;
            return parse(
                    "experiments.json (bundled)",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    journeys,
                    touchpoints);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled experiments.json", e);
        }
    }

    /** The file, its touchpoint experiments checked against the bundled touchpoints.json. */
    public static ExperimentCatalog load(Path file, JourneyCatalog journeys) {
        return load(file, journeys, TouchpointCatalogLoader.bundled());
    }

    public static ExperimentCatalog load(Path file, JourneyCatalog journeys, TouchpointCatalog touchpoints) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), journeys, touchpoints);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the experiments file " + file + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #loadOrBundled(String, JourneyCatalog, TouchpointCatalog)} with the bundled touchpoints.json. */
    public static ExperimentCatalog loadOrBundled(String path, JourneyCatalog journeys) {
        return loadOrBundled(path, journeys, TouchpointCatalogLoader.bundled());
    }

    /** The catalog at {@code path}; the bundled one when the path is null or blank; none for {@value #NONE}. */
    public static ExperimentCatalog loadOrBundled(String path, JourneyCatalog journeys, TouchpointCatalog touchpoints) {
        if (path == null || path.isBlank()) return bundled(journeys, touchpoints);
        if (NONE.equals(path)) return ExperimentCatalog.NONE;
        return load(Path.of(path), journeys, touchpoints);
    }

    /** As {@link #parse(String, String, JourneyCatalog, TouchpointCatalog)} with the bundled touchpoints.json. */
    public static ExperimentCatalog parse(String source, String json, JourneyCatalog journeys) {
        return parse(source, json, journeys, TouchpointCatalogLoader.bundled());
    }

    /** @throws ExperimentCatalogException listing every problem */
    public static ExperimentCatalog parse(
            String source, String json, JourneyCatalog journeys, TouchpointCatalog touchpoints) {
        return new ExperimentCatalogLoader(source, journeys, touchpoints).read(json);
    }

    private ExperimentCatalog read(String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new ExperimentCatalogException(
                    source,
                    List.of(new PlanProblem(
                            null,
                            "$",
                            "not valid JSON: " + e.getOriginalMessage() + " (line "
                                    + e.getLocation().getLineNr() + ")")));
        }
        List<Experiment> out = new ArrayList<>();
        if (!root.isObject()) {
            fail(null, "$", "must be a JSON object {\"experiments\": [...]}");
        } else {
            unknown(null, "", root, TOP_FIELDS);
            JsonNode list = root.get("experiments");
            if (list == null || !list.isArray()) {
                fail(null, "experiments", "required: an array (empty for none)");
            } else {
                Set<String> ids = new HashSet<>();
                Set<String> steps = new HashSet<>();
                for (int i = 0; i < list.size(); i++) {
                    Experiment e = experiment(i, list.get(i));
                    if (e == null) continue;
                    if (!ids.add(e.id())) fail(e.id(), "id", "declared twice");
                    if (e.onTouchpoint()) {
                        if (!steps.add("touchpoint:" + e.touchpoint())) {
                            fail(e.id(), "touchpoint", "another experiment already tests " + e.touchpoint());
                        }
                    } else if (!steps.add(e.journey() + "/" + e.step())) {
                        fail(e.id(), "step", "another experiment already covers " + e.journey() + " / " + e.step());
                    }
                    out.add(e);
                }
            }
        }
        if (!problems.isEmpty()) throw new ExperimentCatalogException(source, problems);
        return new ExperimentCatalog(out);
    }

    private Experiment experiment(int index, JsonNode x) {
        String where = "experiments[" + index + "]";
        if (!x.isObject()) {
            fail(null, where, "must be an object");
            return null;
        }
        String id = text(null, where + ".id", x.get("id"), true);
        String owner = id == null ? where : id;
        if (id != null && !NAME.matcher(id).matches()) {
            fail(owner, "id", "must be 1-64 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        unknown(owner, "", x, EXPERIMENT_FIELDS);
        if (x.has("touchpoint")) return onTouchpoint(id, owner, x);
        String journey = text(owner, "journey", x.get("journey"), true);
        if (journey != null && journeys.journey(journey).isEmpty()) {
            fail(
                    owner,
                    "journey",
                    "no journey '" + journey + "' in journeys.json (known: " + String.join(", ", journeys.names())
                            + ")");
        }
        String step = text(owner, "step", x.get("step"), true);
        if (step != null && !NAME.matcher(step).matches()) fail(owner, "step", "must be a step name such as tutorial");
        List<ExperimentArm> arms = arms(owner, x.get("arms"), true);
        ExperimentMetric metric = metric(owner, x.get("metric"), null);
        Rule rule = rule(owner, x);
        if (id == null || journey == null || step == null || arms == null || metric == null || rule == null) {
            return null;
        }
        return new Experiment(id, journey, step, null, arms, metric, rule.minimumSample, rule.alpha, rule.autoPromote);
    }

    /**
     * A touchpoint experiment: the touchpoint exists in touchpoints.json and declares variants, the arms are exactly
     * those variants (no offsets), the metric's events default to the touchpoint's milestone.
     */
    private Experiment onTouchpoint(String id, String owner, JsonNode x) {
        for (String timing : List.of("journey", "step")) {
            if (x.has(timing)) fail(owner, timing, "a touchpoint experiment names no " + timing + " (remove it)");
        }
        String touchpointId = text(owner, "touchpoint", x.get("touchpoint"), true);
        Touchpoint touchpoint = null;
        if (touchpointId != null) {
            touchpoint = touchpoints.find(touchpointId).orElse(null);
            if (touchpoint == null) {
                fail(
                        owner,
                        "touchpoint",
                        "no touchpoint '" + touchpointId + "' in touchpoints.json (known: "
                                + String.join(
                                        ", ",
                                        touchpoints.touchpoints().stream()
                                                .map(Touchpoint::id)
                                                .toList())
                                + ")");
            } else if (touchpoint.variants().isEmpty()) {
                fail(owner, "touchpoint", "touchpoint '" + touchpointId + "' declares no variants in touchpoints.json");
                touchpoint = null;
            }
        }
        List<ExperimentArm> arms = arms(owner, x.get("arms"), false);
        if (arms != null && touchpoint != null) {
            List<String> variants =
                    touchpoint.variants().stream().map(Touchpoint.Variant::id).toList();
            for (int i = 0; i < arms.size(); i++) {
                if (!variants.contains(arms.get(i).name())) {
                    fail(
                            owner,
                            "arms[" + i + "].name",
                            "'" + arms.get(i).name() + "' is not a variant of touchpoint '" + touchpointId
                                    + "' (variants: " + String.join(", ", variants) + ")");
                }
            }
            for (String v : variants) {
                if (arms.stream().noneMatch(a -> a.name().equals(v))) {
                    fail(owner, "arms", "variant '" + v + "' of touchpoint '" + touchpointId + "' has no arm");
                }
            }
        }
        ExperimentMetric metric = metric(owner, x.get("metric"), touchpoint);
        Rule rule = rule(owner, x);
        if (id == null || touchpoint == null || arms == null || metric == null || rule == null) return null;
        return new Experiment(
                id, null, null, touchpointId, arms, metric, rule.minimumSample, rule.alpha, rule.autoPromote);
    }

    private record Rule(int minimumSample, double alpha, boolean autoPromote) {}

    private Rule rule(String owner, JsonNode x) {
        int minimumSample = 0;
        JsonNode min = x.get("minimumSample");
        if (min == null || !min.isInt() || min.intValue() < 1 || min.intValue() > 10_000_000) {
            fail(owner, "minimumSample", "required: customers per arm, an integer from 1 to 10000000");
        } else minimumSample = min.intValue();
        double alpha = 0.05;
        JsonNode a = x.get("alpha");
        if (a != null) {
            if (!a.isNumber() || !(a.doubleValue() > 0) || a.doubleValue() > 0.5) {
                fail(owner, "alpha", "must be a number greater than 0 and at most 0.5");
            } else alpha = a.doubleValue();
        }
        boolean autoPromote = false;
        JsonNode p = x.get("autoPromote");
        if (p != null) {
            if (!p.isBoolean()) fail(owner, "autoPromote", "must be true or false");
            else autoPromote = p.booleanValue();
        }
        return minimumSample == 0 ? null : new Rule(minimumSample, alpha, autoPromote);
    }

    /** @param timing a timing experiment's arms have an offset each; a touchpoint experiment's have none */
    private List<ExperimentArm> arms(String owner, JsonNode node, boolean timing) {
        if (node == null || !node.isArray() || node.size() < 2) {
            fail(
                    owner,
                    "arms",
                    "required: an array of at least two arms "
                            + (timing ? "{\"name\", \"offset\", \"weight\"}" : "{\"name\": <variant id>, \"weight\"}"));
            return null;
        }
        List<ExperimentArm> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            String path = "arms[" + i + "]";
            JsonNode arm = node.get(i);
            if (!arm.isObject()) {
                fail(owner, path, "must be an object");
                ok = false;
                continue;
            }
            unknown(owner, path + ".", arm, ARM_FIELDS);
            String name = text(owner, path + ".name", arm.get("name"), true);
            if (name != null && !NAME.matcher(name).matches()) {
                fail(owner, path + ".name", "must be 1-64 characters of a-z, 0-9 and '-'");
                name = null;
            }
            if (name != null && !names.add(name)) fail(owner, path + ".name", "arm '" + name + "' declared twice");
            Duration offset = null;
            if (!timing) {
                if (arm.has("offset")) fail(owner, path + ".offset", "a touchpoint experiment's arm has no offset");
            } else {
                offset = duration(owner, path + ".offset", arm.get("offset"), true);
                if (offset != null && offset.compareTo(MAX_OFFSET) > 0) {
                    fail(owner, path + ".offset", "must be at most " + MAX_OFFSET.toDays() + " days");
                    offset = null;
                }
            }
            JsonNode w = arm.get("weight");
            int weight = 0;
            if (w == null || !w.isInt() || w.intValue() < 1 || w.intValue() > 1000) {
                fail(owner, path + ".weight", "required: an integer from 1 to 1000 (the arm's share of the split)");
            } else weight = w.intValue();
            if (name == null || (timing && offset == null) || weight == 0) ok = false;
            else out.add(new ExperimentArm(name, offset, weight));
        }
        return ok ? out : null;
    }

    /** @param touchpoint a touchpoint experiment's: its milestone is the metric when {@code events} is left out */
    private ExperimentMetric metric(String owner, JsonNode node, Touchpoint touchpoint) {
        if (node == null || !node.isObject()) {
            fail(owner, "metric", "required: {\"name\", \"events\": [{\"type\", \"where\"}], \"within\"}");
            return null;
        }
        unknown(owner, "metric.", node, METRIC_FIELDS);
        String name = text(owner, "metric.name", node.get("name"), true);
        Duration within = duration(owner, "metric.within", node.get("within"), true);
        if (within != null && within.isZero()) {
            fail(owner, "metric.within", "must be longer than zero");
            within = null;
        }
        JsonNode events = node.get("events");
        List<ExperimentMetric.MetricEvent> out = new ArrayList<>();
        boolean ok = true;
        if (events == null && touchpoint != null) {
            if (touchpoint.milestone() == null) {
                fail(
                        owner,
                        "metric.events",
                        "required: touchpoint '" + touchpoint.id() + "' has no milestone to convert to");
                ok = false;
            } else {
                out.add(new ExperimentMetric.MetricEvent(
                        touchpoint.milestone(), FieldConditions.NONE, Map.of("type", touchpoint.milestone())));
            }
        } else if (events == null || !events.isArray() || events.isEmpty()) {
            fail(owner, "metric.events", "required: a non-empty array of {\"type\": <event type>, \"where\": {...}}");
            ok = false;
        } else {
            for (int i = 0; i < events.size(); i++) {
                String path = "metric.events[" + i + "]";
                JsonNode e = events.get(i);
                if (!e.isObject()) {
                    fail(owner, path, "must be an object");
                    ok = false;
                    continue;
                }
                unknown(owner, path + ".", e, METRIC_EVENT_FIELDS);
                String type = text(owner, path + ".type", e.get("type"), true);
                if (type != null && !EventTypes.isKnown(type)) {
                    fail(owner, path + ".type", "unknown event type '" + type + "'");
                    type = null;
                }
                int before = problems.size();
                FieldConditions where = FieldConditions.compile(owner, path + ".where", e.get("where"), problems);
                if (type == null || problems.size() > before) ok = false;
                else out.add(new ExperimentMetric.MetricEvent(type, where, Json.toMap(e)));
            }
        }
        return ok && name != null && within != null ? new ExperimentMetric(name, out, within) : null;
    }

    private Duration duration(String owner, String field, JsonNode v, boolean required) {
        String text = text(owner, field, v, required);
        if (text == null) return null;
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative()) {
                fail(owner, field, "must not be negative");
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            fail(owner, field, "must be an ISO-8601 duration such as PT12H or P1D, not '" + text + "'");
            return null;
        }
    }

    private String text(String owner, String field, JsonNode v, boolean required) {
        if (v == null || v.isNull()) {
            if (required) fail(owner, field, "required");
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            fail(owner, field, "must be a non-empty string");
            return null;
        }
        return v.textValue();
    }

    private void unknown(String owner, String prefix, JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                fail(
                        owner,
                        prefix + f,
                        "unknown field (known: "
                                + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private void fail(String owner, String field, String reason) {
        problems.add(new PlanProblem(owner, field, reason));
    }
}
