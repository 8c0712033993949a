package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns ASL JSON text (with {@code ${Name}} substitutions) into a validated {@link AslDefinition}. */
public final class AslParser {
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9_.:-]+)}");

    private AslParser() {}

    /** Parses and validates; throws {@link AslValidationException} listing every problem. */
    public static AslDefinition parse(String json, Map<String, String> substitutions) {
        List<AslProblem> problems = new ArrayList<>();
        String text = substitute(json, name -> {
            String value = substitutions.get(name);
            if (value == null) {
                problems.add(new AslProblem(AslProblem.TOP, "/", "unknown substitution ${" + name + "}"));
                return "${" + name + "}"; // left as is, so it causes no second, misleading problem
            }
            return value;
        });
        JsonNode root;
        try {
            root = Json.MAPPER
                    .reader()
                    .with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(new AslProblem(AslProblem.TOP, "/", "invalid JSON: " + e.getOriginalMessage()));
            throw new AslValidationException(problems);
        }
        problems.addAll(AslValidator.validate(root));
        if (!problems.isEmpty()) {
            throw new AslValidationException(problems);
        }
        return new AslDefinition(root);
    }

    public static AslDefinition parse(String json) {
        return parse(json, Map.of());
    }

    /** Replaces each {@code ${Name}} token in raw text with {@code resolver(Name)}. */
    public static String substitute(String text, Function<String, String> resolver) {
        Matcher matcher = SUBSTITUTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolver.apply(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The names of all {@code ${Name}} tokens in raw text, in order of first appearance. */
    public static List<String> substitutionNames(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = SUBSTITUTION.matcher(text);
        while (matcher.find()) {
            if (!names.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
