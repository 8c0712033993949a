package it.attimo.core.ingest;

import it.attimo.core.error.RequestRefused;
import java.util.List;

/**
 * A delivery of one single event that was rejected (it is already in quarantine): the message is the event's error,
 * {@link #results()} the per-event result that names the quarantine id. In a batch a bad event is a result, not this.
 */
public final class InvalidEvent extends RequestRefused {
    public static final String CODE = "invalid_event";

    private final List<IngestResult.EventResult> results;

    public InvalidEvent(String message, List<IngestResult.EventResult> results) {
        super(CODE, message);
        this.results = List.copyOf(results);
    }

    public List<IngestResult.EventResult> results() {
        return results;
    }
}
