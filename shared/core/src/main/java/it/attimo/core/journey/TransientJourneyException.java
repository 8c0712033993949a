package it.attimo.core.journey;

/**
 * A journey step failed for a reason that may pass (store throttled, provider unavailable): reported to the state
 * machine as {@link JourneyError#TRANSIENT}, which it retries.
 */
public class TransientJourneyException extends RuntimeException {
    public TransientJourneyException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientJourneyException(String message) {
        super(message);
    }
}
