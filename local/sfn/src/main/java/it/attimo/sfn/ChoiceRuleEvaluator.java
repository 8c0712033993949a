package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Evaluates one Choice rule (comparison or And/Or/Not) against a state's effective input. */
final class ChoiceRuleEvaluator {
    static final List<String> COMPARISONS = List.of(
            "StringEquals",
            "StringEqualsPath",
            "StringLessThan",
            "StringLessThanPath",
            "StringGreaterThan",
            "StringGreaterThanPath",
            "StringLessThanEquals",
            "StringLessThanEqualsPath",
            "StringGreaterThanEquals",
            "StringGreaterThanEqualsPath",
            "StringMatches",
            "NumericEquals",
            "NumericEqualsPath",
            "NumericLessThan",
            "NumericLessThanPath",
            "NumericGreaterThan",
            "NumericGreaterThanPath",
            "NumericLessThanEquals",
            "NumericLessThanEqualsPath",
            "NumericGreaterThanEquals",
            "NumericGreaterThanEqualsPath",
            "BooleanEquals",
            "BooleanEqualsPath",
            "TimestampEquals",
            "TimestampEqualsPath",
            "TimestampLessThan",
            "TimestampLessThanPath",
            "TimestampGreaterThan",
            "TimestampGreaterThanPath",
            "TimestampLessThanEquals",
            "TimestampLessThanEqualsPath",
            "TimestampGreaterThanEquals",
            "TimestampGreaterThanEqualsPath",
            "IsNull",
            "IsPresent",
            "IsNumeric",
            "IsString",
            "IsBoolean",
            "IsTimestamp");

    private ChoiceRuleEvaluator() {}

    static boolean matches(JsonNode rule, JsonNode input, JsonNode context) {
        if (rule.has("And")) {
            for (JsonNode inner : rule.get("And")) {
                if (!matches(inner, input, context)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode inner : rule.get("Or")) {
                if (matches(inner, input, context)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input, context);
        }
        String operator = operatorOf(rule)
                .orElseThrow(() -> new StatesError(
                        ErrorNames.RUNTIME, "Choice rule has no comparison operator: " + Json.write(rule)));
        String variablePath = rule.path("Variable").asText();
        Optional<JsonNode> variable = PathEvaluator.read(variablePath, input, context);
        if (operator.equals("IsPresent")) {
            return variable.isPresent() == rule.get(operator).booleanValue();
        }
        JsonNode value = variable.orElseThrow(() -> new StatesError(
                ErrorNames.RUNTIME,
                "Invalid path '" + variablePath + "': The choice state's condition path references an invalid value."));
        JsonNode expected = rule.get(operator);
        String base = operator;
        if (operator.endsWith("Path")) {
            base = operator.substring(0, operator.length() - 4);
            String path = expected.asText();
            expected = PathEvaluator.read(path, input, context)
                    .orElseThrow(() -> new StatesError(
                            ErrorNames.RUNTIME,
                            "Invalid path '" + path
                                    + "': The choice state's condition path references an invalid value."));
        }
        return compare(base, value, expected);
    }

    static Optional<String> operatorOf(JsonNode rule) {
        return COMPARISONS.stream().filter(rule::has).findFirst();
    }

    private static boolean compare(String operator, JsonNode value, JsonNode expected) {
        switch (operator) {
            case "IsNull":
                return value.isNull() == expected.booleanValue();
            case "IsNumeric":
                return value.isNumber() == expected.booleanValue();
            case "IsString":
                return value.isTextual() == expected.booleanValue();
            case "IsBoolean":
                return value.isBoolean() == expected.booleanValue();
            case "IsTimestamp":
                return (value.isTextual() && Timestamps.parse(value.textValue()).isPresent())
                        == expected.booleanValue();
            case "BooleanEquals":
                return value.isBoolean() && expected.isBoolean() && value.booleanValue() == expected.booleanValue();
            case "StringMatches":
                return value.isTextual()
                        && expected.isTextual()
                        && wildcardMatches(value.textValue(), expected.textValue());
            default:
                break;
        }
        Integer order = null;
        if (operator.startsWith("String")) {
            if (value.isTextual() && expected.isTextual()) {
                order = Integer.signum(value.textValue().compareTo(expected.textValue()));
            }
        } else if (operator.startsWith("Numeric")) {
            if (value.isNumber() && expected.isNumber()) {
                order = value.decimalValue().compareTo(expected.decimalValue());
            }
        } else if (operator.startsWith("Timestamp")) {
            Optional<Instant> left = value.isTextual() ? Timestamps.parse(value.textValue()) : Optional.empty();
            Optional<Instant> right = expected.isTextual() ? Timestamps.parse(expected.textValue()) : Optional.empty();
            if (left.isPresent() && right.isPresent()) {
                order = left.get().compareTo(right.get());
            }
        }
        if (order == null) {
            return false;
        }
        String relation = operator.replaceFirst("^(String|Numeric|Timestamp)", "");
        return switch (relation) {
            case "Equals" -> order == 0;
            case "LessThan" -> order < 0;
            case "GreaterThan" -> order > 0;
            case "LessThanEquals" -> order <= 0;
            case "GreaterThanEquals" -> order >= 0;
            default -> throw new StatesError(ErrorNames.RUNTIME, "unknown comparison " + operator);
        };
    }

    /** StringMatches: {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
    static boolean wildcardMatches(String value, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL)
                .matcher(value)
                .matches();
    }
}
