package it.attimo.core.scoring;

import java.time.Instant;

/**
 * One line of a score's breakdown: what a rule gave, when, and because of which event.
 *
 * @param ruleId     the rule that fired
 * @param group      the rule's group, or {@code null}
 * @param points     the value at the evaluation instant (after caps and decay)
 * @param basePoints the value when it took effect (after caps, before decay)
 * @param at         when it took effect: the event's time, or the deadline of a timed rule that was missed
 * @param eventId    the event that caused it, or {@code null} for a missed deadline
 * @param reason     short text for people (ids only, never personal data)
 */
public record ScoreContribution(
        String ruleId, String group, double points, double basePoints, Instant at, String eventId, String reason) {}
