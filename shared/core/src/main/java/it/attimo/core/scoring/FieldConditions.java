package it.attimo.core.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conditions on named fields, all of which must hold: the condition language of the scoring plans ({@code {"formId":
 * {"eq": "profile"}, "errors": {"lte": 0}}}: eq, ne, in, lt, lte, gt, gte, exists), usable on any map of values (an
 * event's data, a profile's fields). Compiled once; problems are collected, not thrown at the first.
 */
public final class FieldConditions {
    public static final FieldConditions NONE = new FieldConditions(new Condition[0]);

    private final Condition[] conditions;

    private FieldConditions(Condition[] conditions) {
        this.conditions = conditions;
    }

    /**
     * Compiles {@code where} (null: no conditions); each problem names {@code owner} and the JSON path under
     * {@code path}.
     */
    public static FieldConditions compile(String owner, String path, JsonNode where, List<PlanProblem> problems) {
        if (where == null || where.isNull()) return NONE;
        if (!where.isObject()) {
            problems.add(new PlanProblem(owner, path, "must be an object: field → condition"));
            return NONE;
        }
        List<Condition> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = where.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            parse(owner, path + "." + e.getKey(), e.getKey(), e.getValue(), out, problems);
        }
        return out.isEmpty() ? NONE : new FieldConditions(out.toArray(new Condition[0]));
    }

    public boolean test(Map<String, Object> values) {
        for (Condition c : conditions) {
            if (!c.test(values)) return false;
        }
        return true;
    }

    public boolean isEmpty() {
        return conditions.length == 0;
    }

    static void parse(
            String id, String path, String field, JsonNode node, List<Condition> out, List<PlanProblem> problems) {
        if (!node.isObject() || node.isEmpty()) {
            problems.add(new PlanProblem(
                    id, path, "must be an object with at least one operator: eq, ne, in, lt, lte, gt, gte, exists"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String opPath = path + "." + e.getKey();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "eq", "ne" -> {
                    Condition.Op op = e.getKey().equals("eq") ? Condition.Op.EQ : Condition.Op.NE;
                    if (v.isTextual()) out.add(Condition.equalsText(field, op, v.textValue()));
                    else if (v.isNumber()) out.add(Condition.equalsNumber(field, op, v.doubleValue()));
                    else if (v.isBoolean()) out.add(Condition.equalsBoolean(field, op, v.booleanValue()));
                    else problems.add(new PlanProblem(id, opPath, "must be a string, a number or a boolean"));
                }
                case "in" -> {
                    if (!v.isArray() || v.isEmpty()) {
                        problems.add(new PlanProblem(id, opPath, "must be a non-empty array of strings or numbers"));
                        break;
                    }
                    Set<String> texts = new LinkedHashSet<>();
                    List<Double> numbers = new ArrayList<>();
                    for (JsonNode member : v) {
                        if (member.isTextual()) texts.add(member.textValue());
                        else if (member.isNumber()) numbers.add(member.doubleValue());
                        else problems.add(new PlanProblem(id, opPath, "members must be strings or numbers"));
                    }
                    out.add(Condition.in(
                            field,
                            texts,
                            numbers.stream().mapToDouble(Double::doubleValue).toArray()));
                }
                case "lt", "lte", "gt", "gte" -> {
                    if (!v.isNumber()) problems.add(new PlanProblem(id, opPath, "must be a number"));
                    else out.add(Condition.compare(field, PlanCompiler.comparison(e.getKey()), v.doubleValue()));
                }
                case "exists" -> {
                    if (!v.isBoolean()) problems.add(new PlanProblem(id, opPath, "must be true or false"));
                    else out.add(Condition.exists(field, v.booleanValue()));
                }
                default ->
                    problems.add(new PlanProblem(
                            id,
                            opPath,
                            "unknown operator '" + e.getKey() + "' (expected eq, ne, in, lt, lte, gt, gte, exists)"));
            }
        }
    }
}
