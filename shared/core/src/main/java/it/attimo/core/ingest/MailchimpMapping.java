package it.attimo.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Mailchimp webhook types to Attimo events, as data ({@code mailchimp-mapping.json}). */
public final class MailchimpMapping {
    public record Rule(String type, String eventType, Map<String, Object> data, Map<String, String> fields) {}

    private final String customerIdMergeField;
    private final Map<String, Rule> rules;

    MailchimpMapping(String customerIdMergeField, Map<String, Rule> rules) {
        this.customerIdMergeField = customerIdMergeField;
        this.rules = Map.copyOf(rules);
    }

    public static MailchimpMapping loadDefault() {
        try (InputStream in =
                MailchimpMapping.class.getResourceAsStream("/it/attimo/core/ingest/mailchimp-mapping.json")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default Mailchimp mapping");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MailchimpMapping parse(String json, String name) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not valid JSON: " + e.getMessage());
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        JsonNode arr = root.path("rules");
        if (!arr.isArray() || arr.isEmpty())
            throw new IllegalArgumentException(name + ": 'rules' must be a non-empty array");
        for (int i = 0; i < arr.size(); i++) {
            JsonNode r = arr.get(i);
            String type = r.path("type").asText(null);
            String eventType = r.path("eventType").asText(null);
            if (type == null) throw new IllegalArgumentException(name + ": rules[" + i + "].type is required");
            if (eventType == null || !EventTypes.isKnown(eventType)) {
                throw new IllegalArgumentException(
                        name + ": rules[" + i + "].eventType '" + eventType + "' is not in Attimo's vocabulary");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = r.path("fields").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                fields.put(f.getKey(), f.getValue().asText());
            }
            rules.put(type, new Rule(type, eventType, Json.toMap(r.get("data")), fields));
        }
        return new MailchimpMapping(root.path("customerIdMergeField").asText("ATTIMOID"), rules);
    }

    /** The form field that carries the member's Attimo customer id ({@code data[merges][ATTIMOID]}). */
    public String customerIdField() {
        return "data[merges][" + customerIdMergeField + "]";
    }

    public Optional<Rule> rule(String type) {
        return Optional.ofNullable(rules.get(type));
    }

    /** The rule's data for this form: constants, then the copied fields that are present. */
    public static Map<String, Object> data(Rule rule, Map<String, String> form) {
        Map<String, Object> data = new LinkedHashMap<>(rule.data());
        rule.fields().forEach((key, field) -> {
            String v = form.get(field);
            if (v != null && !v.isBlank()) data.put(key, v);
        });
        return data;
    }
}
