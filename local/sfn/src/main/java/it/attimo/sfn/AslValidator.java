package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a definition against the States Language rules and reports every problem found (not just the first). */
public final class AslValidator {
    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
    private static final Set<String> IO = Set.of("InputPath", "OutputPath");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Pass", Set.of("Next", "End", "Result", "ResultPath", "Parameters"),
            "Task",
                    Set.of(
                            "Next",
                            "End",
                            "Resource",
                            "Parameters",
                            "ResultSelector",
                            "ResultPath",
                            "Retry",
                            "Catch",
                            "TimeoutSeconds",
                            "TimeoutSecondsPath",
                            "HeartbeatSeconds",
                            "HeartbeatSecondsPath",
                            "Credentials"),
            "Choice", Set.of("Choices", "Default"),
            "Wait", Set.of("Next", "End", "Seconds", "Timestamp", "SecondsPath", "TimestampPath"),
            "Succeed", Set.of(),
            "Fail", Set.of("Error", "ErrorPath", "Cause", "CausePath"),
            "Parallel",
                    Set.of("Next", "End", "Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch"),
            "Map",
                    Set.of(
                            "Next",
                            "End",
                            "Iterator",
                            "ItemProcessor",
                            "ItemsPath",
                            "ItemSelector",
                            "Parameters",
                            "MaxConcurrency",
                            "MaxConcurrencyPath",
                            "ResultSelector",
                            "ResultPath",
                            "Retry",
                            "Catch",
                            "ItemReader",
                            "ItemBatcher",
                            "ResultWriter",
                            "ToleratedFailurePercentage",
                            "ToleratedFailureCount",
                            "Label"));
    private static final Set<String> TOP_FIELDS =
            Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage");

    private final List<AslProblem> problems = new ArrayList<>();
    private final Set<String> allStateNames = new java.util.HashSet<>();

    private AslValidator() {}

    /** Every problem in the definition; empty when it is valid. */
    public static List<AslProblem> validate(JsonNode root) {
        AslValidator validator = new AslValidator();
        if (root == null || !root.isObject()) {
            validator.problem(AslProblem.TOP, "/", "the definition must be a JSON object");
            return validator.problems;
        }
        root.fieldNames().forEachRemaining(f -> {
            if (!TOP_FIELDS.contains(f)) {
                validator.problem(AslProblem.TOP, "/" + f, "unknown top-level field '" + f + "'");
            }
        });
        if (root.has("QueryLanguage")
                && !"JSONPath".equals(root.get("QueryLanguage").asText())) {
            validator.problem(AslProblem.TOP, "/QueryLanguage", "only QueryLanguage JSONPath is supported locally");
        }
        if (root.has("TimeoutSeconds") && !isPositiveInt(root.get("TimeoutSeconds"))) {
            validator.problem(AslProblem.TOP, "/TimeoutSeconds", "TimeoutSeconds must be a positive integer");
        }
        validator.stateList(root, "");
        return validator.problems;
    }

    /** Applies substitutions (unknown ones are problems), parses and validates: the {@code validate} CLI entry. */
    public static List<AslProblem> validate(String json, Map<String, String> substitutions) {
        try {
            AslParser.parse(json, substitutions);
            return List.of();
        } catch (AslValidationException e) {
            return e.problems();
        }
    }

    private void stateList(JsonNode scope, String prefix) {
        JsonNode startAt = scope.get("StartAt");
        JsonNode states = scope.get("States");
        if (startAt == null || !startAt.isTextual()) {
            problem(AslProblem.TOP, prefix + "/StartAt", "StartAt is missing or not a string");
        }
        if (states == null || !states.isObject() || states.isEmpty()) {
            problem(AslProblem.TOP, prefix + "/States", "States is missing or empty");
            return;
        }
        if (startAt != null && startAt.isTextual() && !states.has(startAt.textValue())) {
            problem(AslProblem.TOP, prefix + "/StartAt", "StartAt '" + startAt.textValue() + "' names no state");
        }
        Set<String> names = new LinkedHashSet<>();
        states.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!allStateNames.add(name)) {
                problem(
                        name,
                        prefix + "/States/" + escape(name),
                        "state name '" + name + "' is used more than once in the state machine (names must be unique)");
            }
            if (name.length() > 80) {
                problem(name, prefix + "/States/" + name, "state names must be at most 80 characters");
            }
            state(name, states.get(name), prefix + "/States/" + escape(name), names);
        }
        if (startAt != null && states.has(startAt.asText())) {
            Set<String> reachable = reachable(startAt.asText(), states);
            for (String name : names) {
                if (!reachable.contains(name)) {
                    problem(
                            name,
                            prefix + "/States/" + escape(name),
                            "state '" + name + "' is unreachable from StartAt");
                }
            }
        }
    }

    private void state(String name, JsonNode state, String at, Set<String> names) {
        if (!state.isObject()) {
            problem(name, at, "a state must be a JSON object");
            return;
        }
        String type = state.path("Type").asText(null);
        if (type == null) {
            problem(name, at + "/Type", "Type is missing");
            return;
        }
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            problem(name, at + "/Type", "unknown state Type '" + type + "'");
            return;
        }
        if (state.has("QueryLanguage")
                && !"JSONPath".equals(state.get("QueryLanguage").asText())) {
            problem(name, at + "/QueryLanguage", "only QueryLanguage JSONPath is supported locally");
        }
        state.fieldNames().forEachRemaining(f -> {
            if (Set.of("Assign", "Arguments", "Output").contains(f)) {
                problem(
                        name,
                        at + "/" + f,
                        "field '" + f + "' (JSONata / variables) is not supported by the local executor");
            } else if (!COMMON.contains(f) && !allowed.contains(f) && !(IO.contains(f) && !type.equals("Fail"))) {
                problem(name, at + "/" + f, "field '" + f + "' is not allowed in a " + type + " state");
            }
        });
        transitions(name, type, state, at, names);
        for (String pathField : List.of("InputPath", "OutputPath")) {
            if (state.has(pathField) && !state.get(pathField).isNull()) {
                path(name, state, pathField, at);
            }
        }
        if (state.has("ResultPath") && !state.get("ResultPath").isNull()) {
            referencePath(name, state.get("ResultPath"), at + "/ResultPath", "ResultPath");
        }
        for (String templateField : List.of("Parameters", "ResultSelector", "ItemSelector")) {
            if (state.has(templateField)) {
                template(name, state.get(templateField), at + "/" + templateField);
            }
        }
        retryAndCatch(name, state, at, names);
        switch (type) {
            case "Task" -> task(name, state, at);
            case "Wait" -> waitState(name, state, at);
            case "Choice" -> choice(name, state, at, names);
            case "Fail" -> fail(name, state, at);
            case "Parallel" -> parallel(name, state, at);
            case "Map" -> map(name, state, at);
            default -> {}
        }
    }

    private void transitions(String name, String type, JsonNode state, String at, Set<String> names) {
        boolean hasNext = state.has("Next");
        boolean end = state.path("End").asBoolean(false);
        if (state.has("End") && !state.get("End").isBoolean()) {
            problem(name, at + "/End", "End must be a boolean");
        }
        if (type.equals("Choice") || type.equals("Succeed") || type.equals("Fail")) {
            if (hasNext || state.has("End")) {
                problem(name, at, type + " states may not have Next or End");
            }
        } else if (hasNext && end) {
            problem(name, at, "a state may not have both Next and End");
        } else if (!hasNext && !end) {
            problem(name, at, "a non-terminal state needs Next or End: true");
        }
        if (hasNext) {
            target(name, state.get("Next"), at + "/Next", names);
        }
    }

    private void target(String name, JsonNode next, String at, Set<String> names) {
        if (next == null || !next.isTextual()) {
            problem(name, at, "transition target must be a state name");
        } else if (!names.contains(next.textValue())) {
            problem(name, at, "'" + next.textValue() + "' names no state in this scope");
        }
    }

    private void task(String name, JsonNode state, String at) {
        JsonNode resource = state.get("Resource");
        if (resource == null || !resource.isTextual() || resource.textValue().isBlank()) {
            problem(name, at + "/Resource", "Task needs a Resource URI");
        }
        timeoutPair(name, state, at, "TimeoutSeconds");
        timeoutPair(name, state, at, "HeartbeatSeconds");
        JsonNode timeout = state.get("TimeoutSeconds");
        JsonNode heartbeat = state.get("HeartbeatSeconds");
        if (timeout != null
                && heartbeat != null
                && isPositiveInt(timeout)
                && isPositiveInt(heartbeat)
                && heartbeat.intValue() >= timeout.intValue()) {
            problem(name, at + "/HeartbeatSeconds", "HeartbeatSeconds must be smaller than TimeoutSeconds");
        }
    }

    private void timeoutPair(String name, JsonNode state, String at, String field) {
        if (state.has(field) && state.has(field + "Path")) {
            problem(name, at + "/" + field, "only one of " + field + " and " + field + "Path may be given");
        }
        if (state.has(field) && !isPositiveInt(state.get(field))) {
            problem(name, at + "/" + field, field + " must be a positive integer");
        }
        if (state.has(field + "Path")) {
            referencePath(name, state.get(field + "Path"), at + "/" + field + "Path", field + "Path");
        }
    }

    private void waitState(String name, JsonNode state, String at) {
        List<String> given = new ArrayList<>();
        for (String f : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
            if (state.has(f)) {
                given.add(f);
            }
        }
        if (given.size() != 1) {
            problem(
                    name,
                    at,
                    "Wait needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath (found " + given + ")");
        }
        if (state.has("Seconds")
                && !(state.get("Seconds").canConvertToInt()
                        && state.get("Seconds").isIntegralNumber()
                        && state.get("Seconds").intValue() >= 0)) {
            problem(name, at + "/Seconds", "Seconds must be a non-negative integer");
        }
        if (state.has("Timestamp")
                && Timestamps.parse(state.get("Timestamp").asText(null)).isEmpty()) {
            problem(
                    name,
                    at + "/Timestamp",
                    "Timestamp '" + state.get("Timestamp").asText() + "' is not an RFC 3339 "
                            + "timestamp (e.g. 2026-03-01T09:00:00Z)");
        }
        for (String f : List.of("SecondsPath", "TimestampPath")) {
            if (state.has(f)) {
                path(name, state, f, at);
            }
        }
    }

    private void choice(String name, JsonNode state, String at, Set<String> names) {
        JsonNode choices = state.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            problem(name, at + "/Choices", "Choice needs a non-empty Choices array");
        } else {
            for (int i = 0; i < choices.size(); i++) {
                JsonNode rule = choices.get(i);
                String ruleAt = at + "/Choices/" + i;
                if (!rule.has("Next")) {
                    problem(name, ruleAt, "a top-level choice rule needs Next");
                } else {
                    target(name, rule.get("Next"), ruleAt + "/Next", names);
                }
                rule(name, rule, ruleAt, true);
            }
        }
        if (state.has("Default")) {
            target(name, state.get("Default"), at + "/Default", names);
        }
    }

    private void rule(String name, JsonNode rule, String at, boolean topLevel) {
        if (!rule.isObject()) {
            problem(name, at, "a choice rule must be an object");
            return;
        }
        if (!topLevel && rule.has("Next")) {
            problem(name, at + "/Next", "nested choice rules may not have Next");
        }
        List<String> combinators = new ArrayList<>();
        for (String c : List.of("And", "Or", "Not")) {
            if (rule.has(c)) {
                combinators.add(c);
            }
        }
        List<String> operators =
                ChoiceRuleEvaluator.COMPARISONS.stream().filter(rule::has).toList();
        if (combinators.size() + operators.size() != 1) {
            problem(
                    name,
                    at,
                    "a choice rule needs exactly one comparison operator or And/Or/Not (found " + combinators
                            + operators + ")");
            return;
        }
        if (!combinators.isEmpty()) {
            String c = combinators.get(0);
            JsonNode inner = rule.get(c);
            if (c.equals("Not")) {
                rule(name, inner, at + "/Not", false);
            } else if (!inner.isArray() || inner.isEmpty()) {
                problem(name, at + "/" + c, c + " needs a non-empty array of rules");
            } else {
                for (int i = 0; i < inner.size(); i++) {
                    rule(name, inner.get(i), at + "/" + c + "/" + i, false);
                }
            }
            return;
        }
        if (!rule.has("Variable")) {
            problem(name, at + "/Variable", "a comparison needs Variable");
        } else {
            path(name, rule, "Variable", at);
        }
        String op = operators.get(0);
        JsonNode value = rule.get(op);
        String opAt = at + "/" + op;
        if (op.endsWith("Path")) {
            path(name, rule, op, at);
        } else if (op.startsWith("Is") || op.startsWith("Boolean")) {
            if (!value.isBoolean()) {
                problem(name, opAt, op + " needs a boolean");
            }
        } else if (op.startsWith("String")) {
            if (!value.isTextual()) {
                problem(name, opAt, op + " needs a string");
            }
        } else if (op.startsWith("Numeric")) {
            if (!value.isNumber()) {
                problem(name, opAt, op + " needs a number");
            }
        } else if (op.startsWith("Timestamp")
                && Timestamps.parse(value.asText(null)).isEmpty()) {
            problem(name, opAt, op + " needs an RFC 3339 timestamp, got " + value);
        }
    }

    private void fail(String name, JsonNode state, String at) {
        for (String f : List.of("Error", "Cause")) {
            if (state.has(f) && state.has(f + "Path")) {
                problem(name, at + "/" + f, "only one of " + f + " and " + f + "Path may be given");
            }
            if (state.has(f) && !state.get(f).isTextual()) {
                problem(name, at + "/" + f, f + " must be a string");
            }
            if (state.has(f + "Path")) {
                path(name, state, f + "Path", at);
            }
        }
    }

    private void parallel(String name, JsonNode state, String at) {
        JsonNode branches = state.get("Branches");
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            problem(name, at + "/Branches", "Parallel needs a non-empty Branches array");
            return;
        }
        for (int i = 0; i < branches.size(); i++) {
            JsonNode branch = branches.get(i);
            if (!branch.isObject()) {
                problem(name, at + "/Branches/" + i, "a branch must be an object with StartAt and States");
            } else {
                stateList(branch, at + "/Branches/" + i);
            }
        }
    }

    private void map(String name, JsonNode state, String at) {
        boolean processor = state.has("ItemProcessor");
        boolean iterator = state.has("Iterator");
        if (processor == iterator) {
            problem(name, at, "Map needs exactly one of ItemProcessor or Iterator");
        } else {
            String field = processor ? "ItemProcessor" : "Iterator";
            JsonNode body = state.get(field);
            if (!body.isObject()) {
                problem(name, at + "/" + field, field + " must be an object with StartAt and States");
            } else {
                stateList(body, at + "/" + field);
            }
        }
        if (state.has("ItemSelector") && state.has("Parameters")) {
            problem(name, at, "only one of ItemSelector and Parameters may be given");
        }
        if (state.has("ItemsPath")) {
            path(name, state, "ItemsPath", at);
        }
        if (state.has("MaxConcurrency")
                && !(state.get("MaxConcurrency").isIntegralNumber()
                        && state.get("MaxConcurrency").intValue() >= 0)) {
            problem(name, at + "/MaxConcurrency", "MaxConcurrency must be a non-negative integer");
        }
        if (state.has("MaxConcurrency") && state.has("MaxConcurrencyPath")) {
            problem(name, at + "/MaxConcurrency", "only one of MaxConcurrency and MaxConcurrencyPath may be given");
        }
    }

    private void retryAndCatch(String name, JsonNode state, String at, Set<String> names) {
        for (String field : List.of("Retry", "Catch")) {
            JsonNode list = state.get(field);
            if (list == null) {
                continue;
            }
            String type = state.path("Type").asText();
            if (!Set.of("Task", "Parallel", "Map").contains(type)) {
                problem(name, at + "/" + field, field + " is only allowed in Task, Parallel and Map states");
                continue;
            }
            if (!list.isArray()) {
                problem(name, at + "/" + field, field + " must be an array");
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode entry = list.get(i);
                String entryAt = at + "/" + field + "/" + i;
                errorEquals(name, entry, entryAt, i == list.size() - 1);
                if (field.equals("Retry")) {
                    retrier(name, entry, entryAt);
                } else {
                    entry.fieldNames().forEachRemaining(f -> {
                        if (!Set.of("ErrorEquals", "Next", "ResultPath", "Comment")
                                .contains(f)) {
                            problem(name, entryAt + "/" + f, "unknown catcher field '" + f + "'");
                        }
                    });
                    if (!entry.has("Next")) {
                        problem(name, entryAt + "/Next", "a catcher needs Next");
                    } else {
                        target(name, entry.get("Next"), entryAt + "/Next", names);
                    }
                    if (entry.has("ResultPath") && !entry.get("ResultPath").isNull()) {
                        referencePath(name, entry.get("ResultPath"), entryAt + "/ResultPath", "ResultPath");
                    }
                }
            }
        }
    }

    private void errorEquals(String name, JsonNode entry, String at, boolean last) {
        JsonNode errors = entry.get("ErrorEquals");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            problem(name, at + "/ErrorEquals", "ErrorEquals must be a non-empty array of error names");
            return;
        }
        for (JsonNode error : errors) {
            if (ErrorNames.ALL.equals(error.asText())) {
                if (errors.size() != 1) {
                    problem(name, at + "/ErrorEquals", "States.ALL must appear alone in ErrorEquals");
                }
                if (!last) {
                    problem(name, at + "/ErrorEquals", "a States.ALL entry must be the last one");
                }
            }
        }
    }

    private void retrier(String name, JsonNode retrier, String at) {
        retrier.fieldNames().forEachRemaining(f -> {
            if (!Set.of(
                            "ErrorEquals",
                            "IntervalSeconds",
                            "MaxAttempts",
                            "BackoffRate",
                            "MaxDelaySeconds",
                            "JitterStrategy",
                            "Comment")
                    .contains(f)) {
                problem(name, at + "/" + f, "unknown retrier field '" + f + "'");
            }
        });
        if (retrier.has("IntervalSeconds") && !isPositiveInt(retrier.get("IntervalSeconds"))) {
            problem(name, at + "/IntervalSeconds", "IntervalSeconds must be a positive integer");
        }
        if (retrier.has("MaxAttempts")
                && !(retrier.get("MaxAttempts").isIntegralNumber()
                        && retrier.get("MaxAttempts").intValue() >= 0)) {
            problem(name, at + "/MaxAttempts", "MaxAttempts must be a non-negative integer");
        }
        if (retrier.has("BackoffRate")
                && !(retrier.get("BackoffRate").isNumber()
                        && retrier.get("BackoffRate").doubleValue() >= 1.0)) {
            problem(name, at + "/BackoffRate", "BackoffRate must be a number >= 1.0");
        }
        if (retrier.has("MaxDelaySeconds") && !isPositiveInt(retrier.get("MaxDelaySeconds"))) {
            problem(name, at + "/MaxDelaySeconds", "MaxDelaySeconds must be a positive integer");
        }
        if (retrier.has("JitterStrategy")
                && !Set.of("FULL", "NONE")
                        .contains(retrier.get("JitterStrategy").asText())) {
            problem(name, at + "/JitterStrategy", "JitterStrategy must be FULL or NONE");
        }
    }

    private void template(String name, JsonNode template, String at) {
        if (template.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String fieldAt = at + "/" + escape(field.getKey());
                if (field.getKey().endsWith(".$")) {
                    JsonNode value = field.getValue();
                    if (!value.isTextual()) {
                        problem(
                                name,
                                fieldAt,
                                "the value of '" + field.getKey() + "' must be a path or intrinsic function");
                    } else if (value.textValue().startsWith("States.")) {
                        try {
                            IntrinsicFunctions.parse(value.textValue());
                        } catch (StatesError e) {
                            problem(name, fieldAt, "invalid intrinsic function: " + e.errorCause());
                        }
                    } else if (!PathEvaluator.isPathSyntax(value.textValue())) {
                        problem(
                                name,
                                fieldAt,
                                "'" + value.textValue() + "' is not a valid path (must start with $ or $$)");
                    }
                } else {
                    template(name, field.getValue(), fieldAt);
                }
            }
        } else if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                template(name, template.get(i), at + "/" + i);
            }
        }
    }

    private void path(String name, JsonNode holder, String field, String at) {
        JsonNode value = holder.get(field);
        if (value == null || !value.isTextual() || !PathEvaluator.isPathSyntax(value.textValue())) {
            problem(
                    name,
                    at + "/" + field,
                    field + " must be a valid path starting with $ (or $$ for the context object)" + ", got " + value);
        }
    }

    private void referencePath(String name, JsonNode value, String at, String field) {
        if (!value.isTextual() || !PathEvaluator.isReferencePath(value.textValue())) {
            problem(name, at, field + " must be a reference path like $.a.b, got " + value);
        }
    }

    private static Set<String> reachable(String start, JsonNode states) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            JsonNode state = states.get(name);
            if (state == null || !seen.add(name)) {
                continue;
            }
            addTarget(todo, state.get("Next"));
            addTarget(todo, state.get("Default"));
            for (JsonNode rule : state.path("Choices")) {
                addTarget(todo, rule.get("Next"));
            }
            for (JsonNode catcher : state.path("Catch")) {
                addTarget(todo, catcher.get("Next"));
            }
        }
        return seen;
    }

    private static void addTarget(Deque<String> todo, JsonNode target) {
        if (target != null && target.isTextual()) {
            todo.push(target.textValue());
        }
    }

    private static boolean isPositiveInt(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToInt() && node.intValue() > 0;
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private void problem(String state, String location, String reason) {
        problems.add(new AslProblem(state, location.isEmpty() ? "/" : location, reason));
    }
}
