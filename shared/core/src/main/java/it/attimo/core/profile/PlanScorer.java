package it.attimo.core.profile;

import it.attimo.core.customer.ScoreLine;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.scoring.ScoreContribution;
import it.attimo.core.scoring.ScoreResult;
import it.attimo.core.scoring.ScoringEngine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Scores profiles with a scoring plan (rules as data). */
public final class PlanScorer implements Scorer {
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
        return new Score(r.score(), r.tier(), lines, r.nextDeadline());
    }
}
