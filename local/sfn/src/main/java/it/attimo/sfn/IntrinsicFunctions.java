package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Parses and evaluates intrinsic function calls such as {@code States.Format('Hi {}', $.id)}. Any failure (bad
 * syntax, wrong argument types, unknown function) raises {@code States.IntrinsicFailure}.
 */
final class IntrinsicFunctions {
    static final Set<String> NAMES = Set.of(
            "States.Format",
            "States.StringToJson",
            "States.JsonToString",
            "States.Array",
            "States.ArrayPartition",
            "States.ArrayContains",
            "States.ArrayRange",
            "States.ArrayGetItem",
            "States.ArrayLength",
            "States.ArrayUnique",
            "States.Base64Encode",
            "States.Base64Decode",
            "States.Hash",
            "States.JsonMerge",
            "States.MathRandom",
            "States.MathAdd",
            "States.StringSplit",
            "States.UUID");
    private static final int MAX_RANGE = 1000;

    private final Random random;
    private final Supplier<UUID> uuids;

    IntrinsicFunctions(Random random, Supplier<UUID> uuids) {
        this.random = random;
        this.uuids = uuids;
    }

    /** A parsed argument: a literal, a path, or a nested call. Literal strings keep their raw (escaped) text. */
    sealed interface Expr permits Literal, PathRef, Call {}

    record Literal(JsonNode value, String raw) implements Expr {}

    record PathRef(String path) implements Expr {}

    record Call(String name, List<Expr> args) implements Expr {}

    JsonNode evaluate(String expression, JsonNode input, JsonNode context) {
        return eval(parse(expression), input, context);
    }

    static Call parse(String expression) {
        Parser parser = new Parser(expression.trim());
        Call call = parser.call();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw failure("unexpected text after the call in '" + expression + "'");
        }
        return call;
    }

    private JsonNode eval(Expr expr, JsonNode input, JsonNode context) {
        if (expr instanceof Literal literal) {
            return literal.value();
        }
        if (expr instanceof PathRef ref) {
            return PathEvaluator.read(ref.path(), input, context)
                    .orElseThrow(() -> failure("path '" + ref.path() + "' selects nothing"));
        }
        Call call = (Call) expr;
        List<JsonNode> args = new ArrayList<>();
        for (Expr arg : call.args()) {
            args.add(eval(arg, input, context));
        }
        return apply(call, args);
    }

    private JsonNode apply(Call call, List<JsonNode> args) {
        String name = call.name();
        switch (name) {
            case "States.Format" -> {
                atLeast(name, args, 1);
                return Json.NODES.textNode(format(call, args));
            }
            case "States.StringToJson" -> {
                exactly(name, args, 1);
                try {
                    return Json.parse(text(name, args.get(0)));
                } catch (IllegalArgumentException e) {
                    throw failure(name + ": argument is not JSON text");
                }
            }
            case "States.JsonToString" -> {
                exactly(name, args, 1);
                return Json.NODES.textNode(Json.write(args.get(0)));
            }
            case "States.Array" -> {
                ArrayNode array = Json.NODES.arrayNode();
                args.forEach(array::add);
                return array;
            }
            case "States.ArrayPartition" -> {
                exactly(name, args, 2);
                ArrayNode source = array(name, args.get(0));
                int size = integer(name, args.get(1));
                if (size <= 0) {
                    throw failure(name + ": chunk size must be positive");
                }
                ArrayNode out = Json.NODES.arrayNode();
                ArrayNode chunk = null;
                for (int i = 0; i < source.size(); i++) {
                    if (i % size == 0) {
                        chunk = out.addArray();
                    }
                    chunk.add(source.get(i));
                }
                return out;
            }
            case "States.ArrayContains" -> {
                exactly(name, args, 2);
                ArrayNode source = array(name, args.get(0));
                for (JsonNode item : source) {
                    if (item.equals(args.get(1))) {
                        return Json.NODES.booleanNode(true);
                    }
                }
                return Json.NODES.booleanNode(false);
            }
            case "States.ArrayRange" -> {
                exactly(name, args, 3);
                int start = integer(name, args.get(0));
                int end = integer(name, args.get(1));
                int step = integer(name, args.get(2));
                if (step == 0) {
                    throw failure(name + ": step must not be 0");
                }
                ArrayNode out = Json.NODES.arrayNode();
                for (int v = start; step > 0 ? v <= end : v >= end; v += step) {
                    if (out.size() >= MAX_RANGE) {
                        throw failure(name + ": more than " + MAX_RANGE + " items");
                    }
                    out.add(v);
                }
                return out;
            }
            case "States.ArrayGetItem" -> {
                exactly(name, args, 2);
                ArrayNode source = array(name, args.get(0));
                int index = integer(name, args.get(1));
                if (index < 0 || index >= source.size()) {
                    throw failure(name + ": index " + index + " out of bounds");
                }
                return source.get(index);
            }
            case "States.ArrayLength" -> {
                exactly(name, args, 1);
                return Json.NODES.numberNode(array(name, args.get(0)).size());
            }
            case "States.ArrayUnique" -> {
                exactly(name, args, 1);
                ArrayNode out = Json.NODES.arrayNode();
                new LinkedHashSet<JsonNode>(toList(array(name, args.get(0)))).forEach(out::add);
                return out;
            }
            case "States.Base64Encode" -> {
                exactly(name, args, 1);
                return Json.NODES.textNode(Base64.getEncoder()
                        .encodeToString(text(name, args.get(0)).getBytes(StandardCharsets.UTF_8)));
            }
            case "States.Base64Decode" -> {
                exactly(name, args, 1);
                try {
                    return Json.NODES.textNode(
                            new String(Base64.getDecoder().decode(text(name, args.get(0))), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw failure(name + ": argument is not Base64");
                }
            }
            case "States.Hash" -> {
                exactly(name, args, 2);
                String algorithm = text(name, args.get(1));
                if (!Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(algorithm)) {
                    throw failure(name + ": unsupported algorithm " + algorithm);
                }
                try {
                    byte[] digest = MessageDigest.getInstance(algorithm)
                            .digest(Json.plainText(args.get(0)).getBytes(StandardCharsets.UTF_8));
                    return Json.NODES.textNode(HexFormat.of().formatHex(digest));
                } catch (NoSuchAlgorithmException e) {
                    throw failure(name + ": " + e.getMessage());
                }
            }
            case "States.JsonMerge" -> {
                exactly(name, args, 3);
                if (!args.get(0).isObject()
                        || !args.get(1).isObject()
                        || !args.get(2).isBoolean()) {
                    throw failure(name + ": expects (object, object, boolean)");
                }
                if (args.get(2).booleanValue()) {
                    throw failure(name + ": only shallow merge (false) is supported");
                }
                ObjectNode merged = ((ObjectNode) args.get(0)).deepCopy();
                merged.setAll((ObjectNode) args.get(1).deepCopy());
                return merged;
            }
            case "States.MathRandom" -> {
                if (args.size() != 2 && args.size() != 3) {
                    throw failure(name + ": expects 2 or 3 arguments");
                }
                int start = integer(name, args.get(0));
                int end = integer(name, args.get(1));
                if (end <= start) {
                    throw failure(name + ": end must be greater than start");
                }
                Random source = args.size() == 3 ? new Random(integer(name, args.get(2))) : random;
                return Json.NODES.numberNode(start + source.nextInt(end - start));
            }
            case "States.MathAdd" -> {
                exactly(name, args, 2);
                long sum = (long) integer(name, args.get(0)) + integer(name, args.get(1));
                return sum == (int) sum ? Json.NODES.numberNode((int) sum) : Json.NODES.numberNode(sum);
            }
            case "States.StringSplit" -> {
                exactly(name, args, 2);
                String source = text(name, args.get(0));
                String delimiters = text(name, args.get(1));
                ArrayNode out = Json.NODES.arrayNode();
                StringBuilder token = new StringBuilder();
                for (char c : source.toCharArray()) {
                    if (delimiters.indexOf(c) >= 0) {
                        if (token.length() > 0) {
                            out.add(token.toString());
                        }
                        token.setLength(0);
                    } else {
                        token.append(c);
                    }
                }
                if (token.length() > 0) {
                    out.add(token.toString());
                }
                return out;
            }
            case "States.UUID" -> {
                exactly(name, args, 0);
                return Json.NODES.textNode(uuids.get().toString());
            }
            default -> throw failure("unknown intrinsic function " + name);
        }
    }

    private static String format(Call call, List<JsonNode> args) {
        Expr template = call.args().get(0);
        if (!(template instanceof Literal literal) || literal.raw() == null) {
            if (!args.get(0).isTextual()) {
                throw failure("States.Format: the template must be a string");
            }
        }
        String raw = template instanceof Literal literal && literal.raw() != null
                ? literal.raw()
                : args.get(0).textValue();
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                out.append(raw.charAt(++i));
            } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw failure("States.Format: more placeholders than arguments");
                }
                JsonNode value = args.get(next++);
                if (value.isContainerNode()) {
                    throw failure("States.Format: arguments must be strings, numbers, booleans or null");
                }
                out.append(value.isTextual() ? value.textValue() : value.toString());
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw failure("States.Format: more arguments than placeholders");
        }
        return out.toString();
    }

    private static List<JsonNode> toList(ArrayNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static void exactly(String name, List<JsonNode> args, int n) {
        if (args.size() != n) {
            throw failure(name + ": expects " + n + " argument(s), got " + args.size());
        }
    }

    private static void atLeast(String name, List<JsonNode> args, int n) {
        if (args.size() < n) {
            throw failure(name + ": expects at least " + n + " argument(s)");
        }
    }

    private static ArrayNode array(String name, JsonNode node) {
        if (!node.isArray()) {
            throw failure(name + ": expected an array, got " + node.getNodeType());
        }
        return (ArrayNode) node;
    }

    private static String text(String name, JsonNode node) {
        if (!node.isTextual()) {
            throw failure(name + ": expected a string, got " + node.getNodeType());
        }
        return node.textValue();
    }

    private static int integer(String name, JsonNode node) {
        if (!node.isNumber()) {
            throw failure(name + ": expected an integer, got " + node.getNodeType());
        }
        BigDecimal value = node.decimalValue();
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw failure(name + ": expected an integer, got " + value);
        }
    }

    private static StatesError failure(String cause) {
        return new StatesError(ErrorNames.INTRINSIC_FAILURE, cause);
    }

    /** Recursive-descent parser over the call syntax. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        Call call() {
            skipSpaces();
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (!NAMES.contains(name)) {
                throw failure("unknown intrinsic function '" + name + "'");
            }
            expect('(');
            List<Expr> args = new ArrayList<>();
            skipSpaces();
            if (peek() == ')') {
                pos++;
                return new Call(name, args);
            }
            while (true) {
                args.add(argument());
                skipSpaces();
                char c = next();
                if (c == ')') {
                    return new Call(name, args);
                }
                if (c != ',') {
                    throw failure("expected ',' or ')' in '" + text + "'");
                }
            }
        }

        private Expr argument() {
            skipSpaces();
            char c = peek();
            if (c == '\'') {
                return string();
            }
            if (c == '$') {
                return path();
            }
            if (text.startsWith("States.", pos)) {
                return call();
            }
            int start = pos;
            while (!atEnd() && ",) ".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String token = text.substring(start, pos);
            switch (token) {
                case "true":
                    return new Literal(Json.NODES.booleanNode(true), null);
                case "false":
                    return new Literal(Json.NODES.booleanNode(false), null);
                case "null":
                    return new Literal(Json.NODES.nullNode(), null);
                default:
                    if (!token.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
                        throw failure("invalid argument '" + token + "' in '" + text + "'");
                    }
                    return new Literal(Json.parse(token), null);
            }
        }

        private Expr string() {
            pos++;
            StringBuilder raw = new StringBuilder();
            StringBuilder value = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw failure("unterminated string in '" + text + "'");
                }
                char c = text.charAt(pos++);
                if (c == '\\') {
                    if (atEnd()) {
                        throw failure("dangling escape in '" + text + "'");
                    }
                    char escaped = text.charAt(pos++);
                    value.append(escaped);
                    if (escaped == '\'') {
                        raw.append('\'');
                    } else {
                        raw.append('\\').append(escaped);
                    }
                } else if (c == '\'') {
                    return new Literal(Json.NODES.textNode(value.toString()), raw.toString());
                } else {
                    value.append(c);
                    raw.append(c);
                }
            }
        }

        private Expr path() {
            int start = pos;
            int depth = 0;
            char quote = 0;
            while (!atEnd()) {
                char c = text.charAt(pos);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || (c == ')' && depth > 0)) {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == ')')) {
                    break;
                }
                pos++;
            }
            return new PathRef(text.substring(start, pos).trim());
        }

        private char peek() {
            if (atEnd()) {
                throw failure("unexpected end of '" + text + "'");
            }
            return text.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            skipSpaces();
            if (atEnd() || text.charAt(pos) != c) {
                throw failure("expected '" + c + "' in '" + text + "'");
            }
            pos++;
        }
    }
}
