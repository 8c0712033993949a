package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads JSONPath expressions against a state's input ({@code $...}) or the context object ({@code $$...}), and writes
 * results at a reference path (ResultPath). Reference paths (only {@code .field}, {@code ['field']}, {@code [n]}) are
 * evaluated here; anything richer (wildcards, filters, slices) goes to Jayway JsonPath.
 */
final class PathEvaluator {
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();

    private PathEvaluator() {}

    /** One step of a reference path: a field name or an array index. */
    record Step(String field, int index) {
        boolean isIndex() {
            return field == null;
        }
    }

    static boolean isPathSyntax(String path) {
        if (path == null || !path.startsWith("$")) {
            return false;
        }
        String p = path.startsWith("$$") ? path.substring(1) : path;
        if (referenceSteps(p).isPresent()) {
            return true;
        }
        try {
            JsonPath.compile(p);
            return true;
        } catch (InvalidPathException | IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isReferencePath(String path) {
        return path != null
                && path.startsWith("$")
                && !path.startsWith("$$")
                && referenceSteps(path).isPresent();
    }

    /** The value at {@code path}, or empty when the path selects nothing. */
    static Optional<JsonNode> read(String path, JsonNode input, JsonNode context) {
        if (path.startsWith("$$")) {
            return read(path.substring(1), context == null ? Json.object() : context, null);
        }
        Optional<List<Step>> steps = referenceSteps(path);
        if (steps.isPresent()) {
            JsonNode node = input;
            for (Step step : steps.get()) {
                if (node == null) {
                    return Optional.empty();
                }
                node = step.isIndex()
                        ? (node.isArray() ? node.get(step.index()) : null)
                        : (node.isObject() ? node.get(step.field()) : null);
            }
            return Optional.ofNullable(node);
        }
        try {
            Object value = JsonPath.using(JAYWAY).parse(input).read(path);
            return Optional.of(value instanceof JsonNode node ? node : Json.MAPPER.valueToTree(value));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new StatesError(ErrorNames.RUNTIME, "invalid path '" + path + "': " + e.getMessage());
        }
    }

    /** {@code rawInput} with {@code result} placed at the reference path {@code resultPath}. */
    static JsonNode write(JsonNode rawInput, String resultPath, JsonNode result) {
        List<Step> steps = referenceSteps(resultPath)
                .orElseThrow(() -> new StatesError(
                        ErrorNames.RESULT_PATH_MATCH_FAILURE,
                        "ResultPath '" + resultPath + "' is not a reference path"));
        if (steps.isEmpty()) {
            return result;
        }
        if (rawInput == null || !rawInput.isObject()) {
            throw new StatesError(
                    ErrorNames.RESULT_PATH_MATCH_FAILURE,
                    "Unable to apply ResultPath '" + resultPath + "' to a non-object input");
        }
        ObjectNode root = (ObjectNode) rawInput.deepCopy();
        ObjectNode current = root;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.isIndex()) {
                throw new StatesError(
                        ErrorNames.RESULT_PATH_MATCH_FAILURE,
                        "ResultPath '" + resultPath + "' may not index into arrays");
            }
            if (i == steps.size() - 1) {
                current.set(step.field(), result);
            } else {
                JsonNode child = current.get(step.field());
                if (child == null || child.isNull()) {
                    current = current.putObject(step.field());
                } else if (child.isObject()) {
                    current = (ObjectNode) child;
                } else {
                    throw new StatesError(
                            ErrorNames.RESULT_PATH_MATCH_FAILURE,
                            "Unable to apply ResultPath '" + resultPath + "': field '" + step.field()
                                    + "' is not an object");
                }
            }
        }
        return root;
    }

    /** Parses a reference path into steps; empty when it is not a reference path. */
    static Optional<List<Step>> referenceSteps(String path) {
        if (path == null || !path.startsWith("$")) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        int i = 1;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && ".[]*?@(),'\" ".indexOf(path.charAt(i)) < 0) {
                    i++;
                }
                if (i == start) {
                    return Optional.empty();
                }
                steps.add(new Step(path.substring(start, i), 0));
            } else if (c == '[') {
                if (i + 1 < n && (path.charAt(i + 1) == '\'' || path.charAt(i + 1) == '"')) {
                    char quote = path.charAt(i + 1);
                    int end = path.indexOf(quote, i + 2);
                    if (end < 0 || end + 1 >= n || path.charAt(end + 1) != ']') {
                        return Optional.empty();
                    }
                    steps.add(new Step(path.substring(i + 2, end), 0));
                    i = end + 2;
                } else {
                    int end = path.indexOf(']', i);
                    if (end < 0) {
                        return Optional.empty();
                    }
                    String digits = path.substring(i + 1, end);
                    if (!digits.matches("\\d+")) {
                        return Optional.empty();
                    }
                    steps.add(new Step(null, Integer.parseInt(digits)));
                    i = end + 1;
                }
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(steps);
    }
}
