package it.attimo.core.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One behavioural event about one customer: the core's view of a CloudEvents 1.0 event.
 * {@code customerId} is the CloudEvent {@code subject}; {@code time} is when it happened (UTC).
 * {@code data} holds plain JSON values (String, Number, Boolean, List, Map, null).
 */
public record CustomerEvent(
        String id, String source, String type, String customerId, Instant time, Map<String, Object> data) {

    public CustomerEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(time, "time");
        source = source == null ? "unknown" : source;
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static CustomerEvent of(String id, String type, String customerId, Instant time, Map<String, Object> data) {
        return new CustomerEvent(id, "attimo", type, customerId, time, data);
    }

    public String text(String field) {
        Object v = data.get(field);
        return v == null ? null : v.toString();
    }

    /** A numeric data field, or {@code null} when absent or not a number. */
    public Double number(String field) {
        Object v = data.get(field);
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
