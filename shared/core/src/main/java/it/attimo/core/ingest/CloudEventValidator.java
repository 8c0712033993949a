package it.attimo.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Checks one CloudEvents 1.0 JSON object against the spec's required attributes and Attimo's vocabulary, and turns
 * it into a {@link CustomerEvent}. Error texts name the attribute and the rule, never echo personal data.
 */
public final class CloudEventValidator {
    /** Opaque ids only: an e-mail address or a phone number is not a customer id. */
    static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");

    static final int MAX_EVENT_BYTES = 64 * 1024;

    private final EventDataRules dataRules = new EventDataRules();

    public EventOutcome check(int index, JsonNode node) {
        String raw = node == null ? "null" : node.toString();
        if (node == null || !node.isObject()) {
            return EventOutcome.rejected(index, null, "event must be a JSON object", raw);
        }
        String id = textOrNull(node, "id");
        if (raw.length() > MAX_EVENT_BYTES) {
            return EventOutcome.rejected(index, id, "event is larger than " + MAX_EVENT_BYTES + " bytes", raw);
        }
        String problem = firstProblem(node);
        if (problem != null) return EventOutcome.rejected(index, id, problem, raw);
        String type = node.get("type").asText();
        JsonNode data = node.get("data");
        String dataProblem = dataRules.check(type, data == null || data.isNull() ? Json.object() : data);
        if (dataProblem != null) return EventOutcome.rejected(index, id, type + ": " + dataProblem, raw);
        CustomerEvent event = new CustomerEvent(
                id,
                node.get("source").asText(),
                type,
                node.get("subject").asText(),
                parseTime(node.get("time").asText()),
                Json.toMap(data));
        return EventOutcome.accepted(index, event, raw);
    }

    private String firstProblem(JsonNode n) {
        JsonNode spec = n.get("specversion");
        if (spec == null) return "specversion is required";
        if (!spec.isTextual() || !"1.0".equals(spec.asText())) return "specversion must be \"1.0\"";
        String id = textOrNull(n, "id");
        if (id == null || id.isBlank()) return "id is required (non-empty string)";
        if (id.length() > 256) return "id is longer than 256 characters";
        if (id.startsWith("~")) return "id must not start with '~' (reserved)";
        String source = textOrNull(n, "source");
        if (source == null || source.isBlank()) return "source is required (non-empty URI-reference)";
        String type = textOrNull(n, "type");
        if (type == null || type.isBlank()) return "type is required";
        if (!EventTypes.isKnown(type) || EventTypes.CUSTOMER_ERASED.equals(type)) {
            return "type '" + abbreviate(type) + "' is not in Attimo's vocabulary";
        }
        String subject = textOrNull(n, "subject");
        if (subject == null || subject.isBlank()) return "subject (the customer id) is required";
        if (!CUSTOMER_ID.matcher(subject).matches()) {
            return "subject must be an opaque customer id: 1-128 of A-Z a-z 0-9 . _ : - (no e-mail addresses or phone numbers)";
        }
        String time = textOrNull(n, "time");
        if (time == null) return "time is required (RFC 3339, e.g. 2026-06-10T08:00:00Z)";
        try {
            parseTime(time);
        } catch (DateTimeParseException e) {
            return "time '" + abbreviate(time) + "' is not an RFC 3339 timestamp";
        }
        String contentType = textOrNull(n, "datacontenttype");
        if (contentType != null && !contentType.toLowerCase().startsWith("application/json")) {
            return "datacontenttype must be application/json";
        }
        JsonNode data = n.get("data");
        if (data != null && !data.isNull() && !data.isObject()) return "data must be a JSON object";
        if (n.has("data_base64")) return "data_base64 is not supported: send data as a JSON object";
        return null;
    }

    static Instant parseTime(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    private static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
