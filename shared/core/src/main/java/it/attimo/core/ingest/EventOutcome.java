package it.attimo.core.ingest;

import it.attimo.core.event.CustomerEvent;

/** What happened to one event of a request: accepted (with the normalised event), ignored, or rejected (with why). */
public record EventOutcome(
        int index, String eventId, Status status, String error, CustomerEvent event, String rawJson) {
    public enum Status {
        ACCEPTED,
        IGNORED,
        REJECTED
    }

    public static EventOutcome accepted(int index, CustomerEvent event, String rawJson) {
        return new EventOutcome(index, event.id(), Status.ACCEPTED, null, event, rawJson);
    }

    public static EventOutcome rejected(int index, String eventId, String error, String rawJson) {
        return new EventOutcome(index, eventId, Status.REJECTED, error, null, rawJson);
    }

    public static EventOutcome ignored(int index, String eventId, String why, String rawJson) {
        return new EventOutcome(index, eventId, Status.IGNORED, why, null, rawJson);
    }
}
