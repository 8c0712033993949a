package it.attimo.core.experiment;

import java.time.Instant;

/**
 * One customer who received an experimental message: the arm, when it was first sent, and whether a metric event came
 * within the window after a send.
 */
public record Exposure(String customerId, String arm, Instant sentAt, boolean converted) {
    /** Whether the metric window after the send has closed at {@code now}: the outcome is final. */
    public boolean matured(ExperimentMetric metric, Instant now) {
        return !sentAt.plus(metric.within()).isAfter(now);
    }
}
