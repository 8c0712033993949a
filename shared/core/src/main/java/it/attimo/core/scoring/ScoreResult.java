package it.attimo.core.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's score at one instant.
 *
 * @param at           the evaluation instant
 * @param score        sum of the breakdown's {@code points}
 * @param tier         the tier the score falls in
 * @param breakdown    every contribution in effect at {@code at}, in the order they took effect
 * @param nextDeadline earliest pending timed-rule deadline strictly after {@code at}: re-score there
 * @param groupTotals  per-group subtotals at {@code at} (rules without a group are not listed)
 */
public record ScoreResult(
        Instant at,
        double score,
        String tier,
        List<ScoreContribution> breakdown,
        Optional<Instant> nextDeadline,
        Map<String, Double> groupTotals) {}
