package it.attimo.core.experiment;

import java.time.Duration;

/** One arm of a timing experiment: its name (as the outbox and {@code GET /experiments} show it), offset and weight. */
public record ExperimentArm(String name, Duration offset, int weight) {}
