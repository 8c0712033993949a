package it.attimo.core.scoring;

import java.time.Instant;

/**
 * The score moved from one tier to another.
 *
 * @param at       when the new tier starts
 * @param fromTier the tier before
 * @param toTier   the tier from {@code at} on
 * @param score    the score at {@code at}
 * @param ruleId   the rule whose contribution caused the change, or {@code null} when decay alone crossed the threshold
 * @param eventId  the event behind that contribution, or {@code null} (missed deadline or decay)
 */
public record TierChange(Instant at, String fromTier, String toTier, double score, String ruleId, String eventId) {}
