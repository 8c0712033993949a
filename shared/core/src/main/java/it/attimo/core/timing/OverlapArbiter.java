package it.attimo.core.timing;

import it.attimo.core.channel.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Two or more journeys wanting the same customer in the same window: the higher priority plans first and goes;
 * each lower one is planned again with the winners' sends counted by the frequency caps (minimum gap, per-day and
 * per-week caps), so it either keeps its slot (no real overlap), moves to the next slot that respects them, or is
 * dropped when its policy finds nothing (marketing before its deadline). Ties: earlier {@code earliest} first, then
 * journey name. Pure: the caller persists the decisions.
 */
public final class OverlapArbiter {
    private final SendWindowPlanner planner;

    public OverlapArbiter(SendWindowPlanner planner) {
        this.planner = Objects.requireNonNull(planner, "planner");
    }

    /** One journey's wish: a name, a priority (higher wins) and its plan request. */
    public record Contender(String journey, int priority, PlanRequest request) {
        public Contender {
            Objects.requireNonNull(journey, "journey");
            Objects.requireNonNull(request, "request");
        }
    }

    public enum Outcome {
        GOES,
        MOVED,
        DROPPED
    }

    /** What happened to one contender; {@code plan} carries an {@code overlap:} reason when it moved or was dropped. */
    public record Decision(String journey, int priority, Outcome outcome, SendPlan plan, String reason) {}

    /**
     * @param contenders wishes for one customer
     * @param history    that customer's past and already planned sends (outside these contenders)
     * @return decisions in priority order
     */
    public List<Decision> arbitrate(List<Contender> contenders, List<PastSend> history) {
        List<Contender> ordered = new ArrayList<>(contenders);
        ordered.sort(Comparator.comparingInt(Contender::priority)
                .reversed()
                .thenComparing(c -> c.request().earliest())
                .thenComparing(Contender::journey));
        List<PastSend> taken = new ArrayList<>(history == null ? List.of() : history);
        List<Decision> decisions = new ArrayList<>(ordered.size());
        List<Decision> winners = new ArrayList<>();
        for (Contender c : ordered) {
            SendPlan alone = planner.plan(c.request().toBuilder()
                    .history(history == null ? List.of() : history)
                    .build());
            SendPlan actual =
                    planner.plan(c.request().toBuilder().history(taken).build());
            Decision d;
            if (actual.isSkipped() && !alone.isSkipped()) {
                String why = "overlap: " + describe(winners) + " goes first; " + c.journey() + " dropped: "
                        + actual.skipped();
                d = new Decision(c.journey(), c.priority(), Outcome.DROPPED, withReason(actual, why), why);
            } else if (!actual.isSkipped() && !Objects.equals(actual.sendAt(), alone.sendAt())) {
                String why = "overlap: " + describe(winners) + " goes first; " + c.journey() + " moved from "
                        + alone.sendAt() + " to " + actual.sendAt();
                d = new Decision(c.journey(), c.priority(), Outcome.MOVED, withReason(actual, why), why);
            } else {
                d = new Decision(
                        c.journey(),
                        c.priority(),
                        actual.isSkipped() ? Outcome.DROPPED : Outcome.GOES,
                        actual,
                        actual.isSkipped() ? actual.skipped() : null);
            }
            decisions.add(d);
            if (!actual.isSkipped()) {
                taken.add(new PastSend(null, c.request().channel(), actual.sendAt(), c.journey()));
                winners.add(d);
            }
        }
        return decisions;
    }

    /**
     * One newcomer against sends that already hold their slots (sent, or planned by journeys that win over it): it is
     * planned alone, then with {@code held} counted by the frequency caps. GOES when the slot is the same, MOVED to
     * the next slot that respects the caps, DROPPED when its policy then finds nothing while alone it had a slot.
     * The returned plan is the one to apply; reasons are left to the caller, which knows what the held sends are.
     */
    public Decision against(Contender c, List<PastSend> held) {
        List<PastSend> holders = held == null ? List.of() : held;
        SendPlan actual = planner.plan(c.request().toBuilder().history(holders).build());
        if (holders.isEmpty())
            return new Decision(c.journey(), c.priority(), outcomeOf(actual), actual, actual.skipped());
        SendPlan alone = planner.plan(c.request().toBuilder().history(List.of()).build());
        Outcome outcome;
        String why;
        if (actual.isSkipped()) {
            outcome = Outcome.DROPPED;
            why = alone.isSkipped() ? actual.skipped() : "overlap: " + c.journey() + " dropped: " + actual.skipped();
        } else if (!Objects.equals(actual.sendAt(), alone.sendAt())) {
            outcome = Outcome.MOVED;
            why = "overlap: " + c.journey() + " moved from " + alone.sendAt() + " to " + actual.sendAt();
        } else {
            outcome = Outcome.GOES;
            why = null;
        }
        return new Decision(c.journey(), c.priority(), outcome, actual, why);
    }

    /**
     * The held send that the slot {@code at} on {@code channel} would collide with under the caps: one that alone
     * breaks a cap (gap or per-day), else the nearest in time on the same channel (a weekly cap reached by several);
     * empty when none is held.
     */
    public Optional<PastSend> collision(Instant at, Channel channel, List<PastSend> held) {
        var slot = at.atZone(LocalSlots.ROME);
        for (PastSend s : held) {
            if (planner.caps().violation(slot, channel, List.of(s)).isPresent()) return Optional.of(s);
        }
        return held.stream()
                .filter(s -> s.channel() == channel)
                .min(Comparator.comparing(s -> Duration.between(s.at(), at).abs()));
    }

    private static Outcome outcomeOf(SendPlan plan) {
        return plan.isSkipped() ? Outcome.DROPPED : Outcome.GOES;
    }

    private static String describe(List<Decision> winners) {
        if (winners.isEmpty()) return "history";
        List<String> parts = new ArrayList<>();
        for (Decision w : winners) {
            Instant at = w.plan().sendAt();
            parts.add(w.journey() + " (priority " + w.priority() + ") at " + at);
        }
        return String.join(", ", parts);
    }

    private static SendPlan withReason(SendPlan plan, String reason) {
        List<String> reasons = new ArrayList<>();
        reasons.add(reason);
        reasons.addAll(plan.reasons());
        return new SendPlan(
                plan.sendAt(), plan.localTime(), plan.suitability(), reasons, plan.skipped(), plan.belowThreshold());
    }
}
