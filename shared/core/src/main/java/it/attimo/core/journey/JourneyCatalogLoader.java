package it.attimo.core.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import it.attimo.core.scoring.FieldConditions;
import it.attimo.core.scoring.PlanProblem;
import it.attimo.core.timing.MessageKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads journeys.json into a {@link JourneyCatalog}, validating all of it: every problem is reported (journey and
 * field), unknown fields included, so a typo cannot silently change which journeys start.
 */
public final class JourneyCatalogLoader {
    /** Where the build puts statemachines/journeys.json on the classpath. */
    public static final String BUNDLED = "/it/attimo/core/journey/journeys.json";

    private static final Set<String> TOP_FIELDS = Set.of("comment", "journeys");
    private static final Set<String> JOURNEY_FIELDS = Set.of(
            "name",
            "asl",
            "stateMachine",
            "trigger",
            "kind",
            "priority",
            "milestones",
            "timingRules",
            "holds",
            "comment");
    private static final Set<String> TRIGGER_FIELDS = Set.of("type", "where", "profile");
    private static final Set<String> MILESTONE_FIELDS =
            Set.of("name", "entered", "reached", "step", "required", "kpis", "momentOfTruth");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,38}");

    private final String source;
    private final List<PlanProblem> problems = new ArrayList<>();

    private JourneyCatalogLoader(String source) {
        this.source = source;
    }

    public static JourneyCatalog bundled() {
        try (InputStream in = JourneyCatalogLoader.class.getResourceAsStream(BUNDLED)) {
            if (in == null)
                throw new IllegalStateException("journeys.json is missing from the classpath (" + BUNDLED + ")");
            return parse("journeys.json (bundled)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled journeys.json", e);
        }
    }

    public static JourneyCatalog load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journeys file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The catalog at {@code path}, or the bundled one when the path is null or blank. */
    public static JourneyCatalog loadOrBundled(String path) {
        return path == null || path.isBlank() ? bundled() : load(Path.of(path));
    }

    /** @throws JourneyCatalogException listing every problem */
    public static JourneyCatalog parse(String source, String json) {
        return new JourneyCatalogLoader(source).read(json);
    }

    private JourneyCatalog read(String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new JourneyCatalogException(
                    source,
                    List.of(new PlanProblem(
                            null,
                            "$",
                            "not valid JSON: " + e.getOriginalMessage() + " (line "
                                    + e.getLocation().getLineNr() + ")")));
        }
        if (!root.isObject()) fail(null, "$", "must be a JSON object {\"journeys\": [...]}");
        else {
            unknown(null, "", root, TOP_FIELDS);
            JsonNode list = root.get("journeys");
            if (list == null || !list.isArray() || list.isEmpty())
                fail(null, "journeys", "required: a non-empty array");
        }
        List<JourneyDefinition> out = new ArrayList<>();
        if (problems.isEmpty()) {
            Set<String> names = new HashSet<>();
            JsonNode list = root.get("journeys");
            for (int i = 0; i < list.size(); i++) {
                JourneyDefinition d = journey(i, list.get(i));
                if (d != null && !names.add(d.name())) fail(d.name(), "name", "declared twice");
                if (d != null) out.add(d);
            }
            for (JourneyDefinition a : out) {
                for (JourneyDefinition b : out) {
                    if (a != b && b.name().startsWith(a.name() + "-")) {
                        fail(
                                b.name(),
                                "name",
                                "starts with another journey's name '" + a.name()
                                        + "-': execution names could not tell them apart");
                    }
                }
            }
        }
        if (!problems.isEmpty()) throw new JourneyCatalogException(source, problems);
        return new JourneyCatalog(out);
    }

    private JourneyDefinition journey(int index, JsonNode j) {
        String where = "journeys[" + index + "]";
        if (!j.isObject()) {
            fail(null, where, "must be an object");
            return null;
        }
        String name = text(null, where + ".name", j.get("name"), true);
        String id = name == null ? where : name;
        if (name != null && !NAME.matcher(name).matches()) {
            fail(id, "name", "must be 1-39 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        unknown(id, "", j, JOURNEY_FIELDS);
        String asl = text(id, "asl", j.get("asl"), true);
        if (asl != null && (!asl.endsWith(".asl.json") || asl.contains("/") || asl.contains("\\"))) {
            fail(id, "asl", "must be a file name ending in .asl.json, beside journeys.json");
        }
        String stateMachine = text(id, "stateMachine", j.get("stateMachine"), false);
        JsonNode trigger = j.get("trigger");
        String type = null;
        FieldConditions data = FieldConditions.NONE;
        FieldConditions profile = FieldConditions.NONE;
        if (trigger == null || !trigger.isObject()) {
            fail(id, "trigger", "required: {\"type\": <event type>, \"where\": {...}, \"profile\": {...}}");
        } else {
            unknown(id, "trigger.", trigger, TRIGGER_FIELDS);
            type = text(id, "trigger.type", trigger.get("type"), true);
            if (type != null && !EventTypes.isKnown(type) && !EventTypes.DERIVED.contains(type)) {
                fail(id, "trigger.type", "unknown event type '" + type + "'");
            }
            data = FieldConditions.compile(id, "trigger.where", trigger.get("where"), problems);
            JsonNode profileNode = trigger.get("profile");
            if (profileNode != null && profileNode.isObject()) {
                for (Iterator<String> it = profileNode.fieldNames(); it.hasNext(); ) {
                    String field = it.next();
                    if (!JourneyDefinition.PROFILE_FIELDS.contains(field)) {
                        fail(
                                id,
                                "trigger.profile." + field,
                                "unknown profile field (known: " + String.join(", ", JourneyDefinition.PROFILE_FIELDS)
                                        + ")");
                    }
                }
            }
            profile = FieldConditions.compile(id, "trigger.profile", profileNode, problems);
        }
        MessageKind kind = MessageKind.SERVICE;
        String kindText = text(id, "kind", j.get("kind"), false);
        if (kindText != null) {
            try {
                kind = MessageKind.parse(kindText);
            } catch (IllegalArgumentException e) {
                fail(id, "kind", e.getMessage());
            }
        }
        int priority = 0;
        JsonNode p = j.get("priority");
        if (p != null) {
            if (!p.isInt() || p.intValue() < 0 || p.intValue() > 100) fail(id, "priority", "must be an integer 0-100");
            else priority = p.intValue();
        }
        List<Milestone> milestones = milestones(id, j.get("milestones"));
        Set<String> rules = new LinkedHashSet<>();
        JsonNode r = j.get("timingRules");
        if (r != null) {
            if (!r.isArray()) fail(id, "timingRules", "must be an array of rule names");
            else {
                for (JsonNode rule : r) {
                    if (!rule.isTextual() || !TimingRules.KNOWN.contains(rule.textValue())) {
                        fail(
                                id,
                                "timingRules",
                                "unknown timing rule " + rule + " (known: " + String.join(", ", TimingRules.KNOWN)
                                        + ")");
                    } else rules.add(rule.textValue());
                }
            }
        }
        Map<String, Set<String>> holds = holds(id, j.get("holds"));
        if (name == null || asl == null || type == null) return null;
        return new JourneyDefinition(
                name, asl, stateMachine, type, data, profile, kind, priority, milestones, rules, holds);
    }

    /** {@code holds}: {rule: [step, ...]}, each rule one of {@link OrderHolds#KNOWN}. */
    private Map<String, Set<String>> holds(String id, JsonNode h) {
        Map<String, Set<String>> holds = new LinkedHashMap<>();
        if (h == null) return holds;
        if (!h.isObject()) {
            fail(id, "holds", "must be an object {rule: [step, ...]}");
            return holds;
        }
        var fields = h.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!OrderHolds.KNOWN.contains(e.getKey())) {
                fail(
                        id,
                        "holds." + e.getKey(),
                        "unknown hold rule (known: " + String.join(", ", OrderHolds.KNOWN) + ")");
                continue;
            }
            Set<String> steps = new LinkedHashSet<>();
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                fail(id, "holds." + e.getKey(), "must be a non-empty array of step names");
                continue;
            }
            for (JsonNode step : e.getValue()) {
                if (!step.isTextual() || step.textValue().isBlank())
                    fail(id, "holds." + e.getKey(), "step names must be non-empty strings");
                else steps.add(step.textValue());
            }
            holds.put(e.getKey(), steps);
        }
        return holds;
    }

    private List<Milestone> milestones(String id, JsonNode node) {
        List<Milestone> out = new ArrayList<>();
        if (node == null) return out;
        if (!node.isArray()) {
            fail(id, "milestones", "must be an array");
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "milestones[" + i + "]";
            JsonNode m = node.get(i);
            if (!m.isObject()) {
                fail(id, path, "must be an object");
                continue;
            }
            unknown(id, path + ".", m, MILESTONE_FIELDS);
            String name = text(id, path + ".name", m.get("name"), true);
            if (name != null && !names.add(name)) fail(id, path + ".name", "milestone '" + name + "' declared twice");
            String entered = text(id, path + ".entered", m.get("entered"), false);
            String reached = text(id, path + ".reached", m.get("reached"), false);
            String step = text(id, path + ".step", m.get("step"), false);
            if ((reached == null) == (step == null)) {
                fail(
                        id,
                        path,
                        "give exactly one of \"reached\" (a wake key such as form.completed:profile) or \"step\"");
            }
            if (entered != null && reached == null) fail(id, path + ".entered", "needs \"reached\"");
            boolean required = false;
            JsonNode req = m.get("required");
            if (req != null) {
                if (!req.isBoolean()) fail(id, path + ".required", "must be true or false");
                else required = req.booleanValue();
            }
            if (required && reached == null)
                fail(id, path + ".required", "only a milestone with \"reached\" can be required");
            boolean momentOfTruth = false;
            JsonNode mot = m.get("momentOfTruth");
            if (mot != null) {
                if (!mot.isBoolean()) fail(id, path + ".momentOfTruth", "must be true or false");
                else momentOfTruth = mot.booleanValue();
            }
            List<String> kpis = new ArrayList<>();
            JsonNode k = m.get("kpis");
            if (k != null) {
                if (!k.isArray()) fail(id, path + ".kpis", "must be an array");
                else {
                    for (JsonNode kpi : k) {
                        if (!kpi.isTextual() || !Milestone.KNOWN_KPIS.contains(kpi.textValue())) {
                            fail(
                                    id,
                                    path + ".kpis",
                                    "unknown KPI " + kpi + " (known: " + String.join(", ", Milestone.KNOWN_KPIS) + ")");
                        } else kpis.add(kpi.textValue());
                    }
                }
            }
            if (kpis.contains(Milestone.COMPLETION_TIME) && entered == null) {
                fail(id, path + ".kpis", "completion-time needs \"entered\"");
            }
            if (name != null) out.add(new Milestone(name, entered, reached, step, required, kpis, momentOfTruth));
        }
        return out;
    }

    private String text(String id, String field, JsonNode v, boolean required) {
        if (v == null || v.isNull()) {
            if (required) fail(id, field, "required");
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            fail(id, field, "must be a non-empty string");
            return null;
        }
        return v.textValue();
    }

    private void unknown(String id, String prefix, JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f))
                fail(
                        id,
                        prefix + f,
                        "unknown field (known: "
                                + String.join(", ", known.stream().sorted().toList()) + ")");
        }
    }

    private void fail(String journey, String field, String reason) {
        problems.add(new PlanProblem(journey, field, reason));
    }
}
