package it.attimo.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The core's single JSON mapper (tree model only). What comes from outside is parsed by {@link #parse}, which refuses,
 * as a {@link JsonProcessingException} (a 400 at the edge, never a 500): nesting deeper than {@value #MAX_DEPTH}
 * levels, duplicate keys, numbers out of the double range (1e400) and NaN / Infinity, trailing tokens. An empty body is a missing node,
 * which callers refuse with their own message.
 */
public final class Json {
    /** Deeper than any event needs (CloudEvents data is a few levels), shallow enough for any stack. */
    public static final int MAX_DEPTH = 64;

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, false);

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Parses a body as it came off the wire: strict UTF-8 first (an invalid byte sequence is refused with its offset,
     * never replaced by U+FFFD), then {@link #parse(String)}.
     */
    public static JsonNode parse(byte[] utf8) throws JsonProcessingException {
        return parse(Utf8.decode(utf8));
    }

    public static JsonNode parse(String text) throws JsonProcessingException {
        JsonNode root = MAPPER.readTree(text);
        if (root == null) return MAPPER.missingNode();
        requireFinite(root);
        return root;
    }

    private static void requireFinite(JsonNode node) throws JsonMappingException {
        if (node.isDouble() || node.isFloat()) {
            if (!Double.isFinite(node.doubleValue())) {
                throw new JsonMappingException(null, "number out of range (beyond ±1.8e308)");
            }
        } else if (node.isContainerNode()) {
            for (JsonNode child : node) requireFinite(child);
        }
    }

    public static Map<String, Object> toMap(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return new LinkedHashMap<>();
        return MAPPER.convertValue(node, MAP);
    }

    public static JsonNode valueToTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
