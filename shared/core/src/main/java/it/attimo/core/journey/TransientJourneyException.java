package it.attimo.core.journey;

/**
 * A journey step failed for a reason that may pass (store throttled, provider unavailable). State machines retry
 * on this error name ({@code it.attimo.core.journey.TransientJourneyException}).
 */
public class TransientJourneyException extends RuntimeException {
    public TransientJourneyException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientJourneyException(String message) {
        super(message);
    }
}
