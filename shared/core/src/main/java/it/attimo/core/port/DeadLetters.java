package it.attimo.core.port;

/** The events dead-letter queue, as far as the alerts need it: how many messages wait there (approximately). */
public interface DeadLetters {
    int approximateCount();

    /** No dead-letter queue to watch. */
    DeadLetters NONE = () -> 0;
}
