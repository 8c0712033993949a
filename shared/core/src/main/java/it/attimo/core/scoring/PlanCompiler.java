package it.attimo.core.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.EventTypes;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a plan's JSON tree into a {@link ScoringPlan}, collecting every problem (rule id, field, reason) instead
 * of stopping at the first. Unknown fields are problems too: a typo must not silently disable a rule.
 */
final class PlanCompiler {
    private static final Set<String> PLAN_FIELDS =
            Set.of("plan", "version", "description", "notes", "groups", "tiers", "rules");
    private static final Set<String> GROUP_FIELDS = Set.of("label", "maxPoints", "minPoints", "maxOccurrences");
    private static final Set<String> TIER_FIELDS = Set.of("name", "min");
    private static final Set<String> COMMON_RULE_FIELDS =
            Set.of("id", "kind", "label", "note", "group", "maxOccurrences", "maxPoints", "minPoints", "halfLife");
    private static final Map<String, Set<String>> KIND_FIELDS = Map.of(
            "points", Set.of("when", "points"),
            "timedPair", Set.of("first", "then", "within", "inTime", "missed", "countEarlier"),
            "duration", Set.of("when", "measure", "threshold", "points"));
    private static final Set<String> MATCHER_FIELDS = Set.of("type", "where");
    private static final Set<String> MEASURE_FIELDS = Set.of("field", "since");
    private static final Set<String> COMPARISONS = Set.of("lt", "lte", "gt", "gte");

    private final String sourceName;
    private final List<PlanProblem> problems = new ArrayList<>();
    private final Map<String, Integer> groupIndex = new HashMap<>();

    PlanCompiler(String sourceName) {
        this.sourceName = sourceName;
    }

    ScoringPlan compile(JsonNode root) {
        if (root == null || !root.isObject()) {
            problems.add(new PlanProblem(null, "$", "a plan is a JSON object"));
            throw new ScoringPlanException(sourceName, problems);
        }
        unknownFields(null, "", root, PLAN_FIELDS);
        String name = requiredText(null, "plan", root.get("plan"));
        JsonNode version = root.get("version");
        if (version != null && !(version.isInt() && version.intValue() == 1)) {
            problems.add(new PlanProblem(null, "version", "only version 1 is understood"));
        }
        List<String> notes = notes(root.get("notes"));
        List<String> groupNames = new ArrayList<>();
        List<Limits> groupLimits = new ArrayList<>();
        groups(root.get("groups"), groupNames, groupLimits);
        List<Tier> tiers = tiers(root.get("tiers"));
        List<Rule> rules = rules(root.get("rules"));
        if (!problems.isEmpty()) throw new ScoringPlanException(sourceName, problems);
        return new ScoringPlan(name, sourceName, notes, rules, groupNames, groupLimits, tiers);
    }

    private List<String> notes(JsonNode node) {
        List<String> notes = new ArrayList<>();
        if (node == null) return notes;
        if (node.isTextual()) {
            notes.add(node.textValue());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isTextual()) notes.add(node.get(i).textValue());
                else problems.add(new PlanProblem(null, "notes[" + i + "]", "must be a string"));
            }
        } else {
            problems.add(new PlanProblem(null, "notes", "must be a string or an array of strings"));
        }
        return notes;
    }

    private void groups(JsonNode node, List<String> names, List<Limits> limits) {
        if (node == null) return;
        if (!node.isObject()) {
            problems.add(new PlanProblem(null, "groups", "must be an object: group name → caps"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "groups." + entry.getKey();
            JsonNode g = entry.getValue();
            if (!g.isObject()) {
                problems.add(new PlanProblem(null, path, "must be an object"));
                continue;
            }
            unknownFields(null, path + ".", g, GROUP_FIELDS);
            groupIndex.put(entry.getKey(), names.size());
            names.add(entry.getKey());
            limits.add(limits(null, path + ".", g));
        }
    }

    private List<Tier> tiers(JsonNode node) {
        List<Tier> tiers = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add(new PlanProblem(null, "tiers", "required: a non-empty array, highest tier first"));
            return tiers;
        }
        Set<String> names = new HashSet<>();
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < node.size(); i++) {
            String path = "tiers[" + i + "]";
            JsonNode t = node.get(i);
            if (!t.isObject()) {
                problems.add(new PlanProblem(null, path, "must be an object {name, min}"));
                continue;
            }
            unknownFields(null, path + ".", t, TIER_FIELDS);
            String name = requiredText(null, path + ".name", t.get("name"));
            if (name != null && !names.add(name))
                problems.add(new PlanProblem(null, path + ".name", "duplicate tier name '" + name + "'"));
            boolean last = i == node.size() - 1;
            JsonNode min = t.get("min");
            double value = Double.NEGATIVE_INFINITY;
            if (last) {
                if (min != null)
                    problems.add(new PlanProblem(
                            null, path + ".min", "the last tier catches every lower score: it has no min"));
            } else if (min == null || !min.isNumber()) {
                problems.add(new PlanProblem(null, path + ".min", "required: a number (every tier but the last)"));
            } else {
                value = min.doubleValue();
                if (value >= previous) {
                    problems.add(new PlanProblem(
                            null,
                            path + ".min",
                            "must be lower than the previous tier's min (" + previous + "): tiers go highest first"));
                }
                previous = value;
            }
            tiers.add(new Tier(name, value));
        }
        return tiers;
    }

    private List<Rule> rules(JsonNode node) {
        List<Rule> rules = new ArrayList<>();
        if (node == null || !node.isArray()) {
            problems.add(new PlanProblem(null, "rules", "required: an array of rules"));
            return rules;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String position = "rules[" + i + "]";
            if (!r.isObject()) {
                problems.add(new PlanProblem(null, position, "a rule is a JSON object"));
                continue;
            }
            JsonNode idNode = r.get("id");
            String id =
                    idNode != null && idNode.isTextual() && !idNode.textValue().isBlank() ? idNode.textValue() : null;
            if (id == null) {
                problems.add(new PlanProblem(position, "id", "required: a non-blank string"));
                id = position;
            } else if (!ids.add(id)) {
                problems.add(new PlanProblem(id, "id", "duplicate rule id"));
            }
            Rule rule = rule(id, rules.size(), r);
            if (rule != null) rules.add(rule);
        }
        return rules;
    }

    private Rule rule(String id, int index, JsonNode r) {
        int before = problems.size();
        String kind = requiredText(id, "kind", r.get("kind"));
        Set<String> allowed = new HashSet<>(COMMON_RULE_FIELDS);
        if (kind != null) {
            Set<String> specific = KIND_FIELDS.get(kind);
            if (specific == null) {
                problems.add(new PlanProblem(
                        id, "kind", "unknown kind '" + kind + "' (expected one of points, timedPair, duration)"));
                return null;
            }
            allowed.addAll(specific);
        }
        unknownFields(id, "", r, allowed);
        String label = optionalText(id, "label", r.get("label"), id);
        optionalText(id, "note", r.get("note"), null);
        int group = -1;
        JsonNode groupNode = r.get("group");
        if (groupNode != null) {
            if (!groupNode.isTextual()) {
                problems.add(new PlanProblem(id, "group", "must be a string naming a group"));
            } else if (!groupIndex.containsKey(groupNode.textValue())) {
                problems.add(new PlanProblem(
                        id, "group", "unknown group '" + groupNode.textValue() + "' (declare it under \"groups\")"));
            } else {
                group = groupIndex.get(groupNode.textValue());
            }
        }
        Limits limits = limits(id, "", r);
        double halfLife = 0;
        if (r.get("halfLife") != null)
            halfLife = positiveDuration(id, "halfLife", r.get("halfLife")).toNanos() / 1e9;
        if (kind == null) return null;

        Rule rule = switch (kind) {
            case "points" -> {
                EventMatcher when = matcher(id, "when", r.get("when"));
                double points = nonZeroNumber(id, "points", r.get("points"));
                yield new PointsRule(id, index, label, group, limits, halfLife, when, points);
            }
            case "timedPair" -> {
                EventMatcher first = matcher(id, "first", r.get("first"));
                EventMatcher then = matcher(id, "then", r.get("then"));
                Duration within = positiveDuration(id, "within", r.get("within"));
                double inTime = number(id, "inTime", r.get("inTime"), 0);
                double missed = number(id, "missed", r.get("missed"), 0);
                if (r.get("inTime") == null && r.get("missed") == null) {
                    problems.add(new PlanProblem(id, "inTime", "a timed pair needs inTime or missed points (or both)"));
                } else if (inTime == 0 && missed == 0) {
                    problems.add(
                            new PlanProblem(id, "missed", "inTime and missed are both 0: the rule would never score"));
                }
                boolean countEarlier = false;
                JsonNode ce = r.get("countEarlier");
                if (ce != null) {
                    if (ce.isBoolean()) countEarlier = ce.booleanValue();
                    else problems.add(new PlanProblem(id, "countEarlier", "must be true or false"));
                }
                yield new TimedPairRule(
                        id, index, label, group, limits, halfLife, first, then, within, inTime, missed, countEarlier);
            }
            default -> {
                EventMatcher when = matcher(id, "when", r.get("when"));
                String field = null;
                EventMatcher since = null;
                JsonNode measure = r.get("measure");
                if (measure == null || !measure.isObject()) {
                    problems.add(new PlanProblem(
                            id, "measure", "required: {\"field\": name} or {\"since\": event matcher}"));
                } else {
                    unknownFields(id, "measure.", measure, MEASURE_FIELDS);
                    boolean hasField = measure.has("field");
                    boolean hasSince = measure.has("since");
                    if (hasField == hasSince) {
                        problems.add(new PlanProblem(id, "measure", "give exactly one of \"field\" and \"since\""));
                    } else if (hasField) {
                        field = requiredText(id, "measure.field", measure.get("field"));
                    } else {
                        since = matcher(id, "measure.since", measure.get("since"));
                    }
                }
                Condition threshold = threshold(id, r.get("threshold"));
                double points = nonZeroNumber(id, "points", r.get("points"));
                yield new DurationRule(
                        id, index, label, group, limits, halfLife, when, field, since, threshold, points);
            }
        };
        return problems.size() == before ? rule : null;
    }

    private Limits limits(String id, String prefix, JsonNode node) {
        int maxOccurrences = Integer.MAX_VALUE;
        JsonNode occ = node.get("maxOccurrences");
        if (occ != null) {
            if (!occ.isInt() || occ.intValue() < 1)
                problems.add(new PlanProblem(id, prefix + "maxOccurrences", "must be a whole number ≥ 1"));
            else maxOccurrences = occ.intValue();
        }
        double max = Double.POSITIVE_INFINITY;
        JsonNode maxNode = node.get("maxPoints");
        if (maxNode != null) {
            if (!maxNode.isNumber() || maxNode.doubleValue() < 0)
                problems.add(new PlanProblem(id, prefix + "maxPoints", "must be a number ≥ 0"));
            else max = maxNode.doubleValue();
        }
        double min = Double.NEGATIVE_INFINITY;
        JsonNode minNode = node.get("minPoints");
        if (minNode != null) {
            if (!minNode.isNumber() || minNode.doubleValue() > 0)
                problems.add(new PlanProblem(id, prefix + "minPoints", "must be a number ≤ 0"));
            else min = minNode.doubleValue();
        }
        return new Limits(maxOccurrences, max, min);
    }

    private EventMatcher matcher(String id, String path, JsonNode node) {
        if (node == null || !node.isObject()) {
            problems.add(new PlanProblem(id, path, "required: an event matcher {\"type\": ..., \"where\": {...}}"));
            return null;
        }
        unknownFields(id, path + ".", node, MATCHER_FIELDS);
        String type = requiredText(id, path + ".type", node.get("type"));
        if (type != null && !knownTypePattern(type)) {
            problems.add(new PlanProblem(
                    id,
                    path + ".type",
                    "unknown event type '" + type + "' (use a type of the vocabulary, or a family such as form.*)"));
        }
        List<Condition> conditions = new ArrayList<>();
        JsonNode where = node.get("where");
        if (where != null) {
            if (!where.isObject()) {
                problems.add(new PlanProblem(id, path + ".where", "must be an object: data field → condition"));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = where.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    conditions(id, path + ".where." + e.getKey(), e.getKey(), e.getValue(), conditions);
                }
            }
        }
        return type == null ? null : new EventMatcher(type, conditions.toArray(new Condition[0]));
    }

    private static boolean knownTypePattern(String type) {
        if (type.endsWith(".*")) {
            String prefix = type.substring(0, type.length() - 1);
            return prefix.length() > 1 && EventTypes.ALL.stream().anyMatch(t -> t.startsWith(prefix));
        }
        return EventTypes.isKnown(type);
    }

    private void conditions(String id, String path, String field, JsonNode node, List<Condition> out) {
        FieldConditions.parse(id, path, field, node, out, problems);
    }

    private Condition threshold(String id, JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            problems.add(new PlanProblem(
                    id, "threshold", "required: exactly one of {\"lt\"|\"lte\"|\"gt\"|\"gte\": seconds}"));
            return null;
        }
        Map.Entry<String, JsonNode> e = node.fields().next();
        if (!COMPARISONS.contains(e.getKey())) {
            problems.add(
                    new PlanProblem(id, "threshold." + e.getKey(), "unknown comparison (expected lt, lte, gt, gte)"));
            return null;
        }
        if (!e.getValue().isNumber()) {
            problems.add(new PlanProblem(id, "threshold." + e.getKey(), "must be a number of seconds"));
            return null;
        }
        return Condition.compare("seconds", comparison(e.getKey()), e.getValue().doubleValue());
    }

    static Condition.Op comparison(String name) {
        return switch (name) {
            case "lt" -> Condition.Op.LT;
            case "lte" -> Condition.Op.LTE;
            case "gt" -> Condition.Op.GT;
            default -> Condition.Op.GTE;
        };
    }

    private Duration positiveDuration(String id, String field, JsonNode node) {
        if (node == null || !node.isTextual()) {
            problems.add(new PlanProblem(id, field, "required: an ISO-8601 duration such as PT120S or PT24H"));
            return Duration.ZERO;
        }
        try {
            Duration d = Duration.parse(node.textValue());
            if (d.isNegative() || d.isZero()) {
                problems.add(new PlanProblem(id, field, "must be longer than zero"));
                return Duration.ZERO;
            }
            return d;
        } catch (DateTimeParseException e) {
            problems.add(new PlanProblem(
                    id, field, "'" + node.textValue() + "' is not an ISO-8601 duration such as PT120S or PT24H"));
            return Duration.ZERO;
        }
    }

    private double nonZeroNumber(String id, String field, JsonNode node) {
        if (node == null || !node.isNumber()) {
            problems.add(new PlanProblem(id, field, "required: a number"));
            return 0;
        }
        if (node.doubleValue() == 0)
            problems.add(new PlanProblem(id, field, "must not be 0: the rule would never score"));
        return node.doubleValue();
    }

    private double number(String id, String field, JsonNode node, double absent) {
        if (node == null) return absent;
        if (!node.isNumber()) {
            problems.add(new PlanProblem(id, field, "must be a number"));
            return absent;
        }
        return node.doubleValue();
    }

    private String requiredText(String id, String field, JsonNode node) {
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            problems.add(new PlanProblem(id, field, "required: a non-blank string"));
            return null;
        }
        return node.textValue();
    }

    private String optionalText(String id, String field, JsonNode node, String absent) {
        if (node == null) return absent;
        if (!node.isTextual()) {
            problems.add(new PlanProblem(id, field, "must be a string"));
            return absent;
        }
        return node.textValue();
    }

    private void unknownFields(String id, String prefix, JsonNode node, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) problems.add(new PlanProblem(id, prefix + f, "unknown field"));
        }
    }
}
