package it.attimo.core.scoring;

/**
 * A named score band. A score belongs to the first tier (in plan order, highest first) whose {@code min} it
 * reaches; the last tier has no minimum ({@link Double#NEGATIVE_INFINITY}) and catches everything below.
 */
public record Tier(String name, double min) {}
