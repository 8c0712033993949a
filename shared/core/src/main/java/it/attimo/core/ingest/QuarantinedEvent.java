package it.attimo.core.ingest;

import java.time.Instant;

/**
 * An event that could not be used, kept for inspection: where it came from, why it was refused, and its raw JSON
 * (which may hold personal data: it lives only in the quarantine table, which expires entries).
 */
public record QuarantinedEvent(
        String quarantineId,
        String origin,
        int index,
        String eventId,
        String reason,
        String rawJson,
        Instant receivedAt) {
    @Override
    public String toString() {
        return "QuarantinedEvent[" + quarantineId + " " + origin + "#" + index + ": " + reason + "]";
    }
}
