package it.attimo.core.ingest;

import java.util.List;

/**
 * What ingest did with a delivery: how many events it accepted (duplicates within the delivery included), rejected
 * (each kept in quarantine) and ignored, and one result per event in delivery order.
 */
public record IngestResult(int accepted, int rejected, int ignored, List<EventResult> results) {
    public IngestResult {
        results = List.copyOf(results);
    }

    public enum Status {
        ACCEPTED,
        /** Accepted, but the same customer and id came earlier in the delivery: queued once. */
        DUPLICATE,
        REJECTED,
        IGNORED
    }

    /**
     * One event's result. {@code id} is absent when the event had none; {@code error} and {@code quarantineId} are
     * set for a rejected event, {@code reason} for an ignored one.
     */
    public record EventResult(int index, String id, Status status, String error, String quarantineId, String reason) {}
}
