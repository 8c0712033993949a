package it.attimo.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.event.EventTypes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an SMS delivery status into the parts of an {@code sms.delivered} or {@code sms.failed} event; attribution to
 * the message (by the provider's message id) is left to the caller. Two shapes, as AWS documents them:
 *
 * <ul>
 *   <li>an AWS End User Messaging SMS event (a configuration set's SNS event destination): {@code eventType}
 *       ({@code TEXT_DELIVERED} → delivered; {@code TEXT_INVALID}, {@code TEXT_UNREACHABLE}, {@code TEXT_BLOCKED},
 *       {@code TEXT_SPAM}, {@code TEXT_TTL_EXPIRED}… → failed; pending, queued and successful are not final and are
 *       ignored), {@code messageId}, {@code eventTimestamp} (epoch ms), {@code messageStatusDescription};
 *   <li>an Amazon SNS SMS delivery status log: {@code notification.messageId}, {@code notification.timestamp}
 *       ({@code yyyy-MM-dd HH:mm:ss.SSS}, UTC), {@code status} ({@code SUCCESS} → delivered, {@code FAILURE} →
 *       failed), {@code delivery.providerResponse}.
 * </ul>
 *
 * Phone numbers in the record never reach the event. An invalid number ({@code TEXT_INVALID}) is {@code permanent}.
 */
public final class SmsStatusMapping {
    /** The CloudEvent source of the events this mapping makes. */
    public static final String SOURCE = "aws:sms";

    private static final Set<String> FAILED = Set.of(
            "TEXT_INVALID",
            "TEXT_INVALID_MESSAGE",
            "TEXT_UNREACHABLE",
            "TEXT_CARRIER_UNREACHABLE",
            "TEXT_BLOCKED",
            "TEXT_CARRIER_BLOCKED",
            "TEXT_SPAM",
            "TEXT_UNKNOWN",
            "TEXT_TTL_EXPIRED",
            "TEXT_PROTECT_BLOCKED");
    private static final Set<String> PERMANENT = Set.of("TEXT_INVALID");
    private static final DateTimeFormatter SNS_LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    /** What a status became: the Attimo type, its time, data (without attribution) and the provider's message id. */
    public record Mapped(String eventType, Instant time, Map<String, Object> data, String providerMessageId) {}

    private SmsStatusMapping() {}

    /** Whether the record is a delivery status (of either shape) rather than an inbound SMS. */
    public static boolean isStatus(JsonNode record) {
        return record != null
                && record.isObject()
                && (record.path("eventType").asText("").startsWith("TEXT_")
                        || (record.has("notification") && record.has("status")));
    }

    /**
     * @return the mapped parts, or empty for a status that is not final (pending, queued, accepted by the carrier)
     * @throws IllegalArgumentException with a precise reason when the record is unusable
     */
    public static Optional<Mapped> map(JsonNode record) {
        if (record.has("eventType")) return endUserMessaging(record);
        return snsLog(record);
    }

    private static Optional<Mapped> endUserMessaging(JsonNode r) {
        String type = r.path("eventType").asText();
        String providerId = requireText(r, "messageId");
        JsonNode ts = r.get("eventTimestamp");
        if (ts == null || !ts.canConvertToLong())
            throw new IllegalArgumentException("eventTimestamp (epoch ms) is required");
        Instant time = Instant.ofEpochMilli(ts.asLong());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", type);
        String description = r.path("messageStatusDescription").asText(null);
        if (description != null && !description.isBlank()) data.put("providerResponse", description);
        if ("TEXT_DELIVERED".equals(type))
            return Optional.of(new Mapped(EventTypes.SMS_DELIVERED, time, data, providerId));
        if (FAILED.contains(type)) {
            data.put("permanent", PERMANENT.contains(type));
            return Optional.of(new Mapped(EventTypes.SMS_FAILED, time, data, providerId));
        }
        return Optional.empty();
    }

    private static Optional<Mapped> snsLog(JsonNode r) {
        String providerId = requireText(r.path("notification"), "messageId");
        String when = r.path("notification").path("timestamp").asText(null);
        if (when == null) throw new IllegalArgumentException("notification.timestamp is required");
        Instant time;
        try {
            time = LocalDateTime.parse(when, SNS_LOG_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("notification.timestamp is not yyyy-MM-dd HH:mm:ss.SSS");
        }
        String status = r.path("status").asText("");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", status);
        String response = r.path("delivery").path("providerResponse").asText(null);
        if (response != null && !response.isBlank()) data.put("providerResponse", response);
        return switch (status) {
            case "SUCCESS" -> Optional.of(new Mapped(EventTypes.SMS_DELIVERED, time, data, providerId));
            case "FAILURE" -> {
                data.put("permanent", false);
                yield Optional.of(new Mapped(EventTypes.SMS_FAILED, time, data, providerId));
            }
            default -> throw new IllegalArgumentException("status must be SUCCESS or FAILURE");
        };
    }

    /** The record without phone numbers, as it may be kept in quarantine. */
    public static JsonNode withoutNumbers(JsonNode record) {
        JsonNode copy = record.deepCopy();
        if (copy instanceof ObjectNode o) {
            o.remove("destinationPhoneNumber");
            o.remove("originationPhoneNumber");
            if (o.get("delivery") instanceof ObjectNode d) d.remove("destination");
        }
        return copy;
    }

    private static String requireText(JsonNode node, String field) {
        String v = node.path(field).asText(null);
        if (v == null || v.isBlank()) throw new IllegalArgumentException(field + " is required");
        return v;
    }
}
