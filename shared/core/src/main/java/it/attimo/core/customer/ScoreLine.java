package it.attimo.core.customer;

import java.time.Instant;

/** One line of a score's breakdown: which rule gave how many points, when, and because of which event. */
public record ScoreLine(String ruleId, double points, Instant at, String eventId, String reason) {}
