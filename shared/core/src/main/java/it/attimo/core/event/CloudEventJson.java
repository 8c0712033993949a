package it.attimo.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A {@link CustomerEvent} as a CloudEvents 1.0 structured-mode JSON object, and back. */
public final class CloudEventJson {
    private CloudEventJson() {}

    public static ObjectNode toNode(CustomerEvent e) {
        ObjectNode n = Json.object();
        n.put("specversion", "1.0");
        n.put("id", e.id());
        n.put("source", e.source());
        n.put("type", e.type());
        n.put("subject", e.customerId());
        n.put("time", e.time().toString());
        n.put("datacontenttype", "application/json");
        n.set("data", Json.valueToTree(e.data()));
        return n;
    }

    public static String toJson(CustomerEvent e) {
        return toNode(e).toString();
    }

    /** Reads an event this system wrote (already validated); throws IllegalArgumentException if it is not one. */
    public static CustomerEvent fromJson(String json) {
        try {
            return fromNode(Json.parse(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a CloudEvent JSON object: " + e.getOriginalMessage());
        }
    }

    public static CustomerEvent fromNode(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("not a CloudEvent JSON object");
        Instant time;
        try {
            time = Instant.parse(required(n, "time"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant");
        }
        return new CustomerEvent(
                required(n, "id"),
                n.path("source").asText("unknown"),
                required(n, "type"),
                required(n, "subject"),
                time,
                Json.toMap(n.get("data")));
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("CloudEvent " + field + " is missing or not a non-empty string");
        }
        return v.asText();
    }
}
