package it.attimo.core.port;

import it.attimo.core.insights.InsightsAlert;

/**
 * Where the refresh's alerts are sent as messages: an SNS topic on AWS, the outbox locally. Exactly once per alert id:
 * a sink remembers what it sent (a conditional write before the send) and answers false for an id already sent.
 */
public interface AlertSink {
    /** @return true if this call sent the alert, false if it was sent before */
    boolean sendOnce(InsightsAlert alert);

    /** Sends nothing (no topic and no outbox configured). */
    AlertSink NONE = alert -> false;
}
