package it.attimo.core.scoring;

import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one evaluation: events go in in fold order, timed-rule deadlines are resolved between them, and
 * caps are applied in the order contributions take effect. Every contribution that takes effect at or before an
 * instant t depends only on events at or before t, which is what makes {@link ScoringEngine#tierChanges} possible.
 * An instance is reused for evaluation after evaluation on one thread (its arrays are reset, not reallocated);
 * not thread-safe.
 */
final class ScoreFold {
    private final ScoringPlan plan;
    private Instant at;
    private final int[] ruleOccurrences;
    private final double[] ruleTotals;
    private final int[] windowsOpened;
    private final boolean[] secondSeen;
    private final Instant[] lastSecond;
    private final CustomerEvent[] latestStart;
    private final int[] groupOccurrences;
    private final double[] groupTotals;
    private final double[] groupValues;
    private ArrayList<ScoreContribution> breakdown;
    // decaying totals, kept as "value V as of the last contribution, which was S seconds before `at`";
    // contributions arrive in time order, so reading them later only ever decays them further
    private final double[] ruleDecayed;
    private final double[] ruleDecayedSince;
    private final double[] slotDecayed;
    private final double[] slotDecayedSince;
    private final double[] groupFixed; // each group's non-decaying points
    private double score;

    private Window[] pending = new Window[4];
    private int pendingCount;
    private Instant earliestDeadline;

    private static final class Window {
        final TimedPairRule rule;
        final Instant deadline;
        final long sequence;

        Window(TimedPairRule rule, Instant deadline, long sequence) {
            this.rule = rule;
            this.deadline = deadline;
            this.sequence = sequence;
        }
    }

    private long windowSequence;

    ScoreFold(ScoringPlan plan) {
        this.plan = plan;
        int rules = plan.rules().length;
        this.ruleOccurrences = new int[rules];
        this.ruleTotals = new double[rules];
        this.ruleDecayed = new double[rules];
        this.ruleDecayedSince = new double[rules];
        this.slotDecayed = new double[plan.decaySlotCount()];
        this.slotDecayedSince = new double[plan.decaySlotCount()];
        this.windowsOpened = new int[rules];
        this.secondSeen = new boolean[rules];
        this.lastSecond = new Instant[rules];
        this.latestStart = new CustomerEvent[rules];
        int groups = plan.groupCount();
        this.groupOccurrences = new int[groups];
        this.groupTotals = new double[groups];
        this.groupFixed = new double[groups];
        this.groupValues = new double[groups];
    }

    private void reset(Instant at) {
        this.at = at;
        Arrays.fill(ruleOccurrences, 0);
        Arrays.fill(ruleTotals, 0);
        Arrays.fill(ruleDecayed, 0);
        Arrays.fill(ruleDecayedSince, 0);
        Arrays.fill(slotDecayed, 0);
        Arrays.fill(slotDecayedSince, 0);
        Arrays.fill(windowsOpened, 0);
        Arrays.fill(secondSeen, false);
        Arrays.fill(groupOccurrences, 0);
        Arrays.fill(groupTotals, 0);
        Arrays.fill(groupFixed, 0);
        Arrays.fill(groupValues, 0);
        score = 0;
        earliestDeadline = null;
        windowSequence = 0;
    }

    /** Drops every reference to the last evaluation's events and results. */
    void release() {
        Arrays.fill(lastSecond, null);
        Arrays.fill(latestStart, null);
        Arrays.fill(pending, 0, pendingCount, null);
        pendingCount = 0;
        earliestDeadline = null;
        breakdown = null;
    }

    void run(Instant at, CustomerEvent[] events, int count) {
        reset(at);
        // fewer contributions than events in practice (caps and non-scoring events): size once, rarely regrow
        breakdown = new ArrayList<>(Math.max(10, count + 4));
        for (int i = 0; i < count; i++) {
            CustomerEvent e = events[i];
            if (earliestDeadline != null && earliestDeadline.isBefore(e.time())) expireBefore(e.time(), false);
            apply(e);
        }
        if (earliestDeadline != null && !earliestDeadline.isAfter(at)) expireBefore(at, true);
    }

    ScoreResult result() {
        Map<String, Double> groups = new LinkedHashMap<>();
        for (int g = 0; g < groupValues.length; g++) groups.put(plan.groupName(g), groupValues[g]);
        return new ScoreResult(
                at,
                score,
                plan.tierOf(score),
                Collections.unmodifiableList(breakdown),
                Optional.ofNullable(earliestDeadline),
                Collections.unmodifiableMap(groups));
    }

    List<ScoreContribution> breakdown() {
        return breakdown;
    }

    private void apply(CustomerEvent e) {
        Trigger[] triggers = plan.triggersFor(e.type());
        for (Trigger t : triggers) {
            if (!t.matcher.matchesData(e)) continue;
            Rule r = t.rule;
            switch (t.role) {
                case POINTS -> {
                    PointsRule p = (PointsRule) r;
                    grant(r, p.points, e.time(), e.id(), p.reason, true);
                }
                case PAIR_SECOND -> {
                    secondSeen[r.index] = true;
                    lastSecond[r.index] = e.time();
                    satisfyWindows((TimedPairRule) r, e);
                }
                case PAIR_FIRST -> openWindow((TimedPairRule) r, e);
                case DURATION_END -> measure((DurationRule) r, e);
                case DURATION_START -> latestStart[r.index] = e;
            }
        }
    }

    private void openWindow(TimedPairRule r, CustomerEvent first) {
        if (windowsOpened[r.index] >= r.limits.maxOccurrences()) return;
        windowsOpened[r.index]++;
        // a B at the very instant of A is within the window whatever the ids' order
        if ((r.countEarlier && secondSeen[r.index]) || first.time().equals(lastSecond[r.index])) {
            grant(r, r.inTime, first.time(), first.id(), r.reasonInTime, false);
            return;
        }
        Instant deadline = first.time().plusSeconds(r.withinSeconds).plusNanos(r.withinNanos);
        if (pendingCount == pending.length) pending = Arrays.copyOf(pending, pendingCount * 2);
        pending[pendingCount++] = new Window(r, deadline, windowSequence++);
        if (earliestDeadline == null || deadline.isBefore(earliestDeadline)) earliestDeadline = deadline;
    }

    private void satisfyWindows(TimedPairRule r, CustomerEvent second) {
        for (int i = 0; i < pendingCount; ) {
            Window w = pending[i];
            // windows whose deadline is before this event were resolved as missed before it was applied
            if (w.rule == r) {
                removePending(i);
                grant(r, r.inTime, second.time(), second.id(), r.reasonInTime, false);
            } else {
                i++;
            }
        }
    }

    private void measure(DurationRule r, CustomerEvent e) {
        double seconds;
        if (r.field != null) {
            seconds = Condition.numeric(e.data().get(r.field));
            if (seconds != seconds) return;
        } else {
            CustomerEvent start = latestStart[r.index];
            if (start == null) return;
            seconds = secondsBetween(start.time(), e.time());
        }
        if (r.threshold.testNumber(seconds)) grant(r, r.points, e.time(), e.id(), r.reason, true);
    }

    /** Resolves, as missed, every pending window whose deadline is before {@code limit} (or equal, if inclusive). */
    private void expireBefore(Instant limit, boolean inclusive) {
        while (pendingCount > 0) {
            int next = -1;
            for (int i = 0; i < pendingCount; i++) {
                Window w = pending[i];
                if (next < 0 || earlier(w, pending[next])) next = i;
            }
            Window w = pending[next];
            int c = w.deadline.compareTo(limit);
            if (c > 0 || (c == 0 && !inclusive)) break;
            removePending(next);
            grant(w.rule, w.rule.missed, w.deadline, null, w.rule.reasonMissed, false);
        }
    }

    private static boolean earlier(Window a, Window b) {
        int c = a.deadline.compareTo(b.deadline);
        if (c != 0) return c < 0;
        if (a.rule.index != b.rule.index) return a.rule.index < b.rule.index;
        return a.sequence < b.sequence;
    }

    private void removePending(int i) {
        System.arraycopy(pending, i + 1, pending, i, pendingCount - i - 1);
        pending[--pendingCount] = null;
        Instant earliest = null;
        for (int k = 0; k < pendingCount; k++) {
            if (earliest == null || pending[k].deadline.isBefore(earliest)) earliest = pending[k].deadline;
        }
        earliestDeadline = earliest;
    }

    private void grant(Rule r, double base, Instant when, String eventId, String reason, boolean countOccurrence) {
        if (base == 0) return;
        if (countOccurrence) {
            if (ruleOccurrences[r.index] >= r.limits.maxOccurrences()) return;
            ruleOccurrences[r.index]++;
        }
        int g = r.group;
        boolean decays = r.halfLifeSeconds > 0;
        double sinceWhen = secondsBetween(when, at);
        double ruleTotal = decays
                ? decayed(ruleDecayed[r.index], ruleDecayedSince[r.index], sinceWhen, r.halfLifeSeconds)
                : ruleTotals[r.index];
        double points = r.limits.fit(ruleTotal, base);
        int slot = g >= 0 && decays ? plan.decaySlot(r) : -1;
        if (g >= 0) {
            Limits groupLimits = plan.groupLimits(g);
            if (groupOccurrences[g] >= groupLimits.maxOccurrences()) return;
            groupOccurrences[g]++;
            points = groupLimits.fit(groupValueAt(g, sinceWhen), points);
            groupTotals[g] += points;
        }
        ruleTotals[r.index] += points;
        if (points == 0) return;
        if (decays) {
            ruleDecayed[r.index] = ruleTotal + points;
            ruleDecayedSince[r.index] = sinceWhen;
            if (slot >= 0) slotDecayed[slot] += points; // groupValueAt already brought the slot to sinceWhen
        } else if (g >= 0) {
            groupFixed[g] += points;
        }
        double value = points * r.decay(sinceWhen);
        score += value;
        if (g >= 0) groupValues[g] += value;
        breakdown.add(
                new ScoreContribution(r.id, g >= 0 ? plan.groupName(g) : null, value, points, when, eventId, reason));
    }

    /**
     * What a group is worth at the instant {@code sinceWhen} seconds before {@code at}, decay included: caps bound
     * this value, so a decaying cap refills as old points fade.
     */
    private double groupValueAt(int g, double sinceWhen) {
        double total = groupFixed[g];
        for (int slot : plan.groupSlots(g)) {
            // time only moves forward in the fold, so the slot can be brought to this instant for good
            slotDecayed[slot] = decayed(slotDecayed[slot], slotDecayedSince[slot], sinceWhen, plan.slotHalfLife(slot));
            slotDecayedSince[slot] = sinceWhen;
            total += slotDecayed[slot];
        }
        return total;
    }

    /** A value held {@code since} seconds before {@code at}, decayed to {@code now} seconds before {@code at}. */
    private static double decayed(double value, double since, double now, double halfLifeSeconds) {
        if (value == 0 || since <= now) return value;
        return value * Math.pow(0.5, (since - now) / halfLifeSeconds);
    }

    static double secondsBetween(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) + (to.getNano() - from.getNano()) / 1e9;
    }
}
