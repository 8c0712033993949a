package it.attimo.core.experiment;

import java.time.Instant;

/**
 * A customer's arm in an experiment, recorded at first assignment and never changed. {@code promoted}: given because
 * the experiment had declared this arm the winner, not by the split, so it is not counted in the test.
 */
public record ExperimentAssignment(
        String experimentId, String customerId, String arm, boolean promoted, Instant assignedAt) {}
