package it.attimo.core.insights;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.json.Json;
import java.time.Instant;

/**
 * One alert of the refresh: {@code id} is stable for the same finding in the same period (so a later refresh finds
 * it already sent), {@code kind} slot-deviation, drop-off or dlq, {@code severity} warning or critical, the message in
 * Italian and English, and {@code details} (ids and numbers only).
 */
public record InsightsAlert(
        String id,
        String kind,
        String severity,
        String messageIt,
        String messageEn,
        Instant detectedAt,
        ObjectNode details) {
    public static final String SLOT_DEVIATION = "slot-deviation";
    public static final String DROP_OFF = "drop-off";
    public static final String DLQ = "dlq";
    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("kind", kind);
        n.put("severity", severity);
        n.putObject("message").put("it", messageIt).put("en", messageEn);
        n.put("detectedAt", detectedAt.toString());
        n.set("details", details);
        return n;
    }
}
