package it.attimo.core.scoring;

import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Scores a customer as a pure fold of their event log at an instant. Arrival order does not matter (events are
 * folded by time, then id), an event id counts once, events after the instant are ignored, and a timed rule's
 * "otherwise" takes effect at its deadline with no further event; {@link ScoreResult#nextDeadline()} tells the
 * caller when to re-score. Thread-safe: the engine holds the immutable plan and per-thread scratch buffers.
 */
public final class ScoringEngine {
    private static final long DECAY_CROSSING_PRECISION_NANOS = 1_000_000L;

    /** Reused sort and de-duplication buffers: ordering a log allocates nothing in steady state. */
    private static final ThreadLocal<OrderedHistory> ORDERING_BUFFERS = ThreadLocal.withInitial(OrderedHistory::new);

    private final ScoringPlan plan;
    /** Fold state sized for this plan, reused per thread: a score allocates little beyond its result. */
    private final ThreadLocal<ScoreFold> folds;

    public ScoringEngine(ScoringPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.folds = ThreadLocal.withInitial(() -> new ScoreFold(plan));
    }

    public ScoringPlan plan() {
        return plan;
    }

    public ScoreResult score(List<CustomerEvent> history, Instant at) {
        return fold(history, at, ScoreFold::result);
    }

    public String tierOf(double score) {
        return plan.tierOf(score);
    }

    /**
     * Every tier change in {@code (from, to]}, in time order, including changes caused by a missed deadline and
     * changes caused by decay alone (located to the millisecond). The tier in force at {@code from} is the
     * starting point; a change exactly at {@code from} is not reported.
     */
    public List<TierChange> tierChanges(List<CustomerEvent> history, Instant from, Instant to) {
        List<TierChange> changes = new ArrayList<>();
        if (!to.isAfter(from)) return changes;
        List<ScoreContribution> all = fold(history, to, ScoreFold::breakdown);
        double[] base = new double[all.size()];
        double[] halfLife = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            base[i] = all.get(i).basePoints();
            Rule r = plan.rule(all.get(i).ruleId());
            halfLife[i] = r == null ? 0 : r.halfLifeSeconds;
        }
        String tier = tierOf(scoreAt(all, base, halfLife, from));
        Instant previous = from;
        int i = 0;
        while (i < all.size() && !all.get(i).at().isAfter(from)) i++;
        while (true) {
            boolean beforeContribution = i < all.size();
            Instant next = beforeContribution ? all.get(i).at() : to;
            // decay alone may cross a threshold between two contributions (or after the last one, up to `to`)
            Instant cursor = previous;
            while (cursor.isBefore(next)
                    && !tierOf(scoreAt(all, base, halfLife, next, beforeContribution))
                            .equals(tier)) {
                Instant crossing = decayCrossing(all, base, halfLife, cursor, next, tier);
                double s = scoreAt(all, base, halfLife, crossing, true);
                String now = tierOf(s);
                changes.add(new TierChange(crossing, tier, now, s, null, null));
                tier = now;
                cursor = crossing;
            }
            if (i >= all.size()) break;
            double before = scoreAt(all, base, halfLife, next, true);
            int firstAtNext = i;
            while (i < all.size() && all.get(i).at().equals(next)) i++;
            double s = scoreAt(all, base, halfLife, next);
            String now = tierOf(s);
            if (!now.equals(tier)) {
                ScoreContribution cause = strongestIn(all, firstAtNext, i, s < before);
                changes.add(new TierChange(next, tier, now, s, cause.ruleId(), cause.eventId()));
                tier = now;
            }
            previous = next;
        }
        return changes;
    }

    /**
     * The first tier change that will happen after {@code at} if no new event arrives before {@code horizon}
     * (missed deadlines and decay both count): the instant to schedule a re-score at, besides
     * {@link ScoreResult#nextDeadline()}, when decay alone can move a customer to another tier.
     */
    public Optional<TierChange> nextTierChange(List<CustomerEvent> history, Instant at, Instant horizon) {
        List<TierChange> changes = tierChanges(history, at, horizon);
        return changes.isEmpty() ? Optional.empty() : Optional.of(changes.get(0));
    }

    /** Among contributions [from, to), the one that pushed hardest in the direction the score moved. */
    private static ScoreContribution strongestIn(List<ScoreContribution> all, int from, int to, boolean down) {
        ScoreContribution strongest = all.get(from);
        for (int k = from + 1; k < to; k++) {
            ScoreContribution c = all.get(k);
            if (down ? c.basePoints() < strongest.basePoints() : c.basePoints() > strongest.basePoints()) strongest = c;
        }
        return strongest;
    }

    /** Folds the log as of {@code at} and reads what the caller needs before the fold's buffers are reused. */
    private <T> T fold(List<CustomerEvent> history, Instant at, Function<ScoreFold, T> read) {
        Objects.requireNonNull(at, "at");
        OrderedHistory ordered = ORDERING_BUFFERS.get();
        ScoreFold fold = folds.get();
        try {
            ordered.order(history, at);
            fold.run(at, ordered.events(), ordered.count());
            return read.apply(fold);
        } finally {
            fold.release();
            ordered.release();
        }
    }

    private static double scoreAt(List<ScoreContribution> all, double[] base, double[] halfLife, Instant t) {
        return scoreAt(all, base, halfLife, t, false);
    }

    /** Score at {@code t} from contributions in effect at t ({@code excludeAtT}: only those strictly before t). */
    private static double scoreAt(
            List<ScoreContribution> all, double[] base, double[] halfLife, Instant t, boolean excludeAtT) {
        double s = 0;
        for (int i = 0; i < all.size(); i++) {
            Instant when = all.get(i).at();
            int c = when.compareTo(t);
            if (c > 0 || (c == 0 && excludeAtT)) break;
            double v = base[i];
            if (halfLife[i] > 0) v *= Math.pow(0.5, ScoreFold.secondsBetween(when, t) / halfLife[i]);
            s += v;
        }
        return s;
    }

    /** First instant in (from, to) where decay moves the score out of {@code tier}, by bisection. */
    private Instant decayCrossing(
            List<ScoreContribution> all, double[] base, double[] halfLife, Instant from, Instant to, String tier) {
        Instant lo = from;
        Instant hi = to;
        while (java.time.Duration.between(lo, hi).toNanos() > DECAY_CROSSING_PRECISION_NANOS) {
            Instant mid = lo.plusNanos(java.time.Duration.between(lo, hi).toNanos() / 2);
            if (tierOf(scoreAt(all, base, halfLife, mid, true)).equals(tier)) lo = mid;
            else hi = mid;
        }
        return hi;
    }
}
