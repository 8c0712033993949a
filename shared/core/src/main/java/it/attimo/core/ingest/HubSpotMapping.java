package it.attimo.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns HubSpot webhook events into Attimo events, following rules that are data (a JSON file): match on
 * subscriptionType, optionally propertyName and propertyValue; emit eventType with constant data plus, optionally,
 * the property value under {@code valueField}.
 */
public final class HubSpotMapping {
    public record Rule(
            String subscriptionType,
            String propertyName,
            String propertyValue,
            String eventType,
            Map<String, Object> data,
            String valueField,
            String valueType) {
        boolean matches(JsonNode e) {
            if (!subscriptionType.equals(e.path("subscriptionType").asText())) return false;
            if (propertyName != null
                    && !propertyName.equals(e.path("propertyName").asText(null))) return false;
            return propertyValue == null
                    || propertyValue.equalsIgnoreCase(e.path("propertyValue").asText(null));
        }
    }

    /** What one HubSpot event became: an Attimo event's parts, or nothing (no rule matched). */
    public record Mapped(String eventType, String customerId, Map<String, Object> data) {}

    private final String customerIdPrefix;
    private final List<Rule> rules;

    public HubSpotMapping(String customerIdPrefix, List<Rule> rules) {
        this.customerIdPrefix = customerIdPrefix;
        this.rules = List.copyOf(rules);
    }

    public static HubSpotMapping loadDefault() {
        try (InputStream in = HubSpotMapping.class.getResourceAsStream("/it/attimo/core/ingest/hubspot-mapping.json")) {
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "default mapping");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HubSpotMapping load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read HubSpot mapping " + file, e);
        }
    }

    static HubSpotMapping parse(String json, String name) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not valid JSON: " + e.getMessage());
        }
        List<Rule> rules = new ArrayList<>();
        JsonNode arr = root.path("rules");
        if (!arr.isArray() || arr.isEmpty())
            throw new IllegalArgumentException(name + ": 'rules' must be a non-empty array");
        for (int i = 0; i < arr.size(); i++) {
            JsonNode r = arr.get(i);
            String where = name + ": rules[" + i + "]";
            String sub = r.path("subscriptionType").asText(null);
            String type = r.path("eventType").asText(null);
            if (sub == null) throw new IllegalArgumentException(where + ".subscriptionType is required");
            if (type == null || !EventTypes.isKnown(type)) {
                throw new IllegalArgumentException(where + ".eventType '" + type + "' is not in Attimo's vocabulary");
            }
            String valueType = r.path("valueType").asText("string");
            if (!List.of("string", "number", "integer").contains(valueType)) {
                throw new IllegalArgumentException(where + ".valueType must be string, number or integer");
            }
            rules.add(new Rule(
                    sub,
                    r.path("propertyName").asText(null),
                    r.path("propertyValue").asText(null),
                    type,
                    Json.toMap(r.get("data")),
                    r.path("valueField").asText(null),
                    valueType));
        }
        return new HubSpotMapping(root.path("customerIdPrefix").asText("hs-"), rules);
    }

    /** @throws IllegalArgumentException with a precise reason when the event is unusable */
    public Optional<Mapped> map(JsonNode e) {
        if (!e.isObject()) throw new IllegalArgumentException("event must be a JSON object");
        for (String f : List.of("subscriptionType", "portalId", "objectId", "occurredAt")) {
            if (!e.hasNonNull(f)) throw new IllegalArgumentException(f + " is required");
        }
        if (!e.get("occurredAt").canConvertToLong())
            throw new IllegalArgumentException("occurredAt must be epoch milliseconds");
        for (Rule rule : rules) {
            if (!rule.matches(e)) continue;
            Map<String, Object> data = new LinkedHashMap<>(rule.data());
            if (rule.valueField() != null) {
                String value = e.path("propertyValue").asText(null);
                if (value == null)
                    throw new IllegalArgumentException("propertyValue is required for " + rule.propertyName());
                data.put(rule.valueField(), convert(value, rule.valueType(), rule.propertyName()));
            }
            data.put("hubspotPortalId", e.get("portalId").asLong());
            String customerId = customerIdPrefix + e.get("portalId").asText() + "-"
                    + e.get("objectId").asText();
            return Optional.of(new Mapped(rule.eventType(), customerId, data));
        }
        return Optional.empty();
    }

    private static Object convert(String value, String type, String property) {
        try {
            return switch (type) {
                case "number" -> {
                    double d = Double.parseDouble(value.trim());
                    // NaN and Infinity pass every range check and are not JSON: refuse them here.
                    if (!Double.isFinite(d)) throw new NumberFormatException(value);
                    yield d;
                }
                case "integer" -> Long.parseLong(value.trim());
                default -> value;
            };
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("propertyValue of " + property + " must be a " + type);
        }
    }
}
