package it.attimo.local.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route path as template.yaml declares it, {@code /profiles/{customerId}}, matched against a request's raw path the
 * way API Gateway does: literal segments exactly, each {@code {name}} one whole non-empty segment, URL-decoded into
 * the path parameters ({@code +} stays a plus, as in a path). Greedy ({@code {proxy+}}) and partial-segment variables
 * are refused.
 */
final class PathTemplate {
    private final String text;
    private final List<String> segments;
    private final int parameters;

    private PathTemplate(String text, List<String> segments, int parameters) {
        this.text = text;
        this.segments = segments;
        this.parameters = parameters;
    }

    static PathTemplate parse(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route path " + template + " does not start with /");
        }
        List<String> segments = List.of(template.substring(1).split("/", -1));
        int parameters = 0;
        for (String segment : segments) {
            if (parameterName(segment) != null) {
                if (segment.endsWith("+}")) {
                    throw new IllegalArgumentException("route path " + template + ": greedy variables are not served");
                }
                parameters++;
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException(
                        "route path " + template + ": a variable must be a whole segment, like {name}");
            }
        }
        return new PathTemplate(template, segments, parameters);
    }

    /** The path parameters when {@code rawPath} matches, decoded; empty when it does not (or an escape is broken). */
    Optional<Map<String, String>> match(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        if (parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments.get(i);
            String name = parameterName(segment);
            if (name == null) {
                if (!segment.equals(parts[i])) {
                    return Optional.empty();
                }
            } else {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                try {
                    values.put(name, URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException brokenEscape) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(values);
    }

    /** How many variables: fewer is more specific. */
    int parameterCount() {
        return parameters;
    }

    @Override
    public String toString() {
        return text;
    }

    private static String parameterName(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}")
                ? segment.substring(1, segment.length() - 1)
                : null;
    }
}
