package it.attimo.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Salesforce sObject notifications to Attimo events, as data ({@code salesforce-mapping.json}). */
public final class SalesforceMapping {
    public record Rule(
            String sObject,
            String field,
            String value,
            String customerField,
            String eventType,
            Map<String, String> fields,
            Map<String, Object> data) {
        boolean matches(SalesforceOutboundMessage.Notification n) {
            if (!sObject.equals(n.sObjectType())) return false;
            return field == null
                    || (value != null && value.equalsIgnoreCase(n.fields().get(field)));
        }
    }

    /** What a notification became: the Attimo type, the customer, the time field's value (or null) and the data. */
    public record Mapped(String eventType, String customerId, String time, Map<String, Object> data) {}

    private final String customerIdPrefix;
    private final String timeField;
    private final List<Rule> rules;

    SalesforceMapping(String customerIdPrefix, String timeField, List<Rule> rules) {
        this.customerIdPrefix = customerIdPrefix;
        this.timeField = timeField;
        this.rules = List.copyOf(rules);
    }

    public static SalesforceMapping loadDefault() {
        try (InputStream in =
                SalesforceMapping.class.getResourceAsStream("/it/attimo/core/ingest/salesforce-mapping.json")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default Salesforce mapping");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SalesforceMapping parse(String json, String name) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not valid JSON: " + e.getMessage());
        }
        JsonNode arr = root.path("rules");
        if (!arr.isArray() || arr.isEmpty())
            throw new IllegalArgumentException(name + ": 'rules' must be a non-empty array");
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode r = arr.get(i);
            String where = name + ": rules[" + i + "]";
            String sObject = r.path("sObject").asText(null);
            String eventType = r.path("eventType").asText(null);
            String customerField = r.path("customerField").asText(null);
            if (sObject == null) throw new IllegalArgumentException(where + ".sObject is required");
            if (customerField == null) throw new IllegalArgumentException(where + ".customerField is required");
            if (eventType == null || !EventTypes.isKnown(eventType)) {
                throw new IllegalArgumentException(
                        where + ".eventType '" + eventType + "' is not in Attimo's vocabulary");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = r.path("fields").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                fields.put(f.getKey(), f.getValue().asText());
            }
            rules.add(new Rule(
                    sObject,
                    r.path("field").asText(null),
                    r.path("value").asText(null),
                    customerField,
                    eventType,
                    fields,
                    Json.toMap(r.get("data"))));
        }
        return new SalesforceMapping(
                root.path("customerIdPrefix").asText("sf-"),
                root.path("timeField").asText("LastModifiedDate"),
                rules);
    }

    /**
     * @return the mapped parts, or empty when no rule matches (another sObject, another status)
     * @throws IllegalArgumentException when a matching notification lacks its customer or has a bad number
     */
    public Optional<Mapped> map(SalesforceOutboundMessage.Notification n) {
        for (Rule rule : rules) {
            if (!rule.matches(n)) continue;
            String customer = n.fields().get(rule.customerField());
            if (customer == null || customer.isBlank()) {
                throw new IllegalArgumentException(rule.customerField() + " is required on " + n.sObjectType());
            }
            Map<String, Object> data = new LinkedHashMap<>(rule.data());
            for (Map.Entry<String, String> f : rule.fields().entrySet()) {
                boolean number = f.getValue().endsWith(":number");
                String field = number ? f.getValue().substring(0, f.getValue().length() - 7) : f.getValue();
                String v = n.fields().get(field);
                if (v == null || v.isBlank()) continue;
                if (!number) {
                    data.put(f.getKey(), v);
                    continue;
                }
                try {
                    double d = Double.parseDouble(v);
                    if (!Double.isFinite(d)) throw new NumberFormatException(v);
                    data.put(f.getKey(), d);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(field + " must be a number");
                }
            }
            return Optional.of(new Mapped(
                    rule.eventType(),
                    customerIdPrefix + customer.strip(),
                    n.fields().get(timeField),
                    data));
        }
        return Optional.empty();
    }
}
