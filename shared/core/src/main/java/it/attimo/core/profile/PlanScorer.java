package it.attimo.core.profile;

import it.attimo.core.customer.ScoreLine;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.scoring.ScoreContribution;
import it.attimo.core.scoring.ScoreResult;
import it.attimo.core.scoring.ScoringEngine;
import it.attimo.core.scoring.TierChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scores profiles with a scoring plan (rules as data). The re-score instant it reports is the earlier of the next
 * timed-rule deadline and the first tier change decay alone would cause before it, so a customer whose engagement
 * points fade into another tier (e.g. into at-risk) is re-scored, and journeys waiting on that tier are woken, then.
 */
public final class PlanScorer implements Scorer {
    /** How far ahead decay is watched when no deadline is pending; the default plan's half-lives are a day. */
    static final Duration DECAY_WATCH = Duration.ofDays(30);

    private final ScoringEngine engine;

    public PlanScorer(ScoringEngine engine) {
        this.engine = engine;
    }

    @Override
    public Score score(List<CustomerEvent> history, Instant at) {
        ScoreResult r = engine.score(history, at);
        List<ScoreLine> lines = new ArrayList<>(r.breakdown().size());
        for (ScoreContribution c : r.breakdown()) {
            lines.add(new ScoreLine(c.ruleId(), c.points(), c.at(), c.eventId(), c.reason()));
        }
        return new Score(r.score(), r.tier(), lines, rescoreAt(history, at, r.nextDeadline()));
    }

    private Optional<Instant> rescoreAt(List<CustomerEvent> history, Instant at, Optional<Instant> nextDeadline) {
        Instant horizon = nextDeadline.orElse(at.plus(DECAY_WATCH));
        Optional<Instant> tierChange =
                engine.nextTierChange(history, at, horizon).map(TierChange::at);
        if (tierChange.isPresent()
                && (nextDeadline.isEmpty() || tierChange.get().isBefore(nextDeadline.get()))) {
            return tierChange;
        }
        return nextDeadline;
    }
}
