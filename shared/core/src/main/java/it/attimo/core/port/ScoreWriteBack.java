package it.attimo.core.port;

/** Publishes a customer's new score and tier to an external system (HubSpot contact properties). */
public interface ScoreWriteBack {
    /** Does nothing: write-back is off by default. */
    ScoreWriteBack NONE = (customerId, score, tier) -> {};

    /** Called after the score or tier changed. Customers the target system does not know are skipped silently. */
    void publish(String customerId, double score, String tier);
}
