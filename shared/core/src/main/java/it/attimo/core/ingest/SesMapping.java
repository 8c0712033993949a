package it.attimo.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an Amazon SES sending event (the JSON SES publishes to SNS) into the parts of an Attimo {@code email.*}
 * event, following rules that are data ({@code ses-mapping.json}): which SES type becomes which Attimo type, where
 * its time is, which fields are copied. Attribution to the message is left to the caller.
 */
public final class SesMapping {
    /** One rule: an SES event type, the Attimo type, the path of its time, copied fields (data key → path), constants. */
    public record Rule(
            String sesType, String eventType, String timePath, Map<String, String> fields, Map<String, Object> data) {}

    /** What one SES event became: its Attimo type, time, data (without attribution) and SES's message id. */
    public record Mapped(String eventType, Instant time, Map<String, Object> data, String providerMessageId) {}

    private final String source;
    private final Map<String, Rule> rules;

    SesMapping(String source, Map<String, Rule> rules) {
        this.source = source;
        this.rules = Map.copyOf(rules);
    }

    public static SesMapping loadDefault() {
        try (InputStream in = SesMapping.class.getResourceAsStream("/it/attimo/core/ingest/ses-mapping.json")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default SES mapping");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SesMapping load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SES mapping " + file, e);
        }
    }

    static SesMapping parse(String json, String name) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not valid JSON: " + e.getMessage());
        }
        JsonNode arr = root.path("rules");
        if (!arr.isArray() || arr.isEmpty())
            throw new IllegalArgumentException(name + ": 'rules' must be a non-empty array");
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode r = arr.get(i);
            String where = name + ": rules[" + i + "]";
            String ses = r.path("sesType").asText(null);
            String type = r.path("eventType").asText(null);
            if (ses == null) throw new IllegalArgumentException(where + ".sesType is required");
            if (type == null || !EventTypes.isKnown(type)) {
                throw new IllegalArgumentException(where + ".eventType '" + type + "' is not in Attimo's vocabulary");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = r.path("fields").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                fields.put(f.getKey(), f.getValue().asText());
            }
            if (rules.put(ses, new Rule(ses, type, r.path("time").asText(null), fields, Json.toMap(r.get("data"))))
                    != null) {
                throw new IllegalArgumentException(where + ": a second rule for " + ses);
            }
        }
        return new SesMapping(root.path("source").asText("aws:ses"), rules);
    }

    /** The CloudEvent source of the events this mapping makes. */
    public String source() {
        return source;
    }

    /**
     * @return the mapped parts, or empty when no rule names this SES type (e.g. Subscription)
     * @throws IllegalArgumentException with a precise reason when the record is unusable
     */
    public Optional<Mapped> map(JsonNode record) {
        if (record == null || !record.isObject())
            throw new IllegalArgumentException("the SES event is not a JSON object");
        String sesType = record.hasNonNull("eventType")
                ? record.get("eventType").asText()
                : record.path("notificationType").asText(null);
        if (sesType == null) throw new IllegalArgumentException("eventType (or notificationType) is required");
        String providerId = record.path("mail").path("messageId").asText(null);
        if (providerId == null || providerId.isBlank())
            throw new IllegalArgumentException("mail.messageId is required");
        Rule rule = rules.get(sesType);
        if (rule == null) return Optional.empty();
        String when =
                rule.timePath() == null ? null : at(record, rule.timePath()).asText(null);
        if (when == null) when = record.path("mail").path("timestamp").asText(null);
        if (when == null) throw new IllegalArgumentException("the event has no timestamp");
        Instant time;
        try {
            time = Instant.parse(when);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp '" + when + "' is not an ISO-8601 instant");
        }
        Map<String, Object> data = new LinkedHashMap<>(rule.data());
        rule.fields().forEach((key, path) -> {
            JsonNode v = at(record, path);
            if (v.isValueNode() && !v.isNull()) data.put(key, v.asText());
        });
        return Optional.of(new Mapped(rule.eventType(), time, data, providerId));
    }

    private static JsonNode at(JsonNode root, String dotted) {
        JsonNode n = root;
        for (String part : dotted.split("\\.")) n = n.path(part);
        return n;
    }
}
