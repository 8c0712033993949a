package it.attimo.core.experiment;

import java.time.Duration;

/**
 * One arm of an experiment: its name (as the outbox and {@code GET /experiments} show it), offset (a timing
 * experiment's; null for a touchpoint experiment, whose arm is the touchpoint's variant of that name) and weight.
 */
public record ExperimentArm(String name, Duration offset, int weight) {}
