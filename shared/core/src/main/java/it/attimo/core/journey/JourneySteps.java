package it.attimo.core.journey;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journey function's use case: the judgement behind each state-machine step, one class per action. A step's
 * failure is {@link JourneyError#REJECTED} (an {@link IllegalArgumentException}: never retried) or
 * {@link JourneyError#TRANSIENT} (a {@link TransientJourneyException}: retried).
 */
public final class JourneySteps {
    private final PlanSend plan;
    private final DispatchSend dispatch;
    private final ParkWait park;
    private final CompleteJourney complete;
    private final Timeline timeline;
    private final Progress progress;
    private final EvaluateJourney evaluate;
    private final OpenAccountManagerTask task;
    private final PlanFirstChannel firstChannel;
    private final IssueCoupon coupon;
    private StepReads reads;

    public JourneySteps(
            PlanSend plan,
            DispatchSend dispatch,
            ParkWait park,
            CompleteJourney complete,
            Timeline timeline,
            Progress progress,
            EvaluateJourney evaluate,
            OpenAccountManagerTask task) {
        this(plan, dispatch, park, complete, timeline, progress, evaluate, task, null, null);
    }

    /**
     * @param firstChannel plans steps with an ordered channel list (null: such steps plan on their {@code channel})
     * @param coupon       issues coupons (null: the {@code coupon} action is refused)
     */
    public JourneySteps(
            PlanSend plan,
            DispatchSend dispatch,
            ParkWait park,
            CompleteJourney complete,
            Timeline timeline,
            Progress progress,
            EvaluateJourney evaluate,
            OpenAccountManagerTask task,
            PlanFirstChannel firstChannel,
            IssueCoupon coupon) {
        this.firstChannel = firstChannel;
        this.coupon = coupon;
        this.plan = plan;
        this.dispatch = dispatch;
        this.park = park;
        this.complete = complete;
        this.timeline = timeline;
        this.progress = progress;
        this.evaluate = evaluate;
        this.task = task;
    }

    /**
     * Each step runs inside {@code reads}' memo, so the stores it wraps (and that these use cases were built with) are
     * read once per customer and step.
     */
    public JourneySteps readingOncePerStep(StepReads reads) {
        this.reads = reads;
        return this;
    }

    /**
     * @throws IllegalArgumentException for a step that can never succeed (not retried)
     * @throws TransientJourneyException for failures worth retrying
     */
    public Map<String, Object> handle(JourneyStep step) {
        try {
            return reads == null ? run(step) : reads.during(() -> run(step));
        } catch (IllegalArgumentException | TransientJourneyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TransientJourneyException(
                    step.action() + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private Map<String, Object> run(JourneyStep step) {
        if (step instanceof PlanStep s) return plan(s);
        if (step instanceof DispatchStep s) return dispatchThenPlan(s);
        if (step instanceof ParkStep s) return park.park(s);
        if (step instanceof CompleteStep s) return complete.complete(s);
        if (step instanceof TimelineStep s) return timeline.instants(s);
        if (step instanceof ProgressStep s) return progress.progress(s);
        if (step instanceof EvaluateStep s) return evaluate.evaluate(s);
        if (step instanceof TaskStep s) return task.open(s);
        if (step instanceof CouponStep s) {
            if (coupon == null) throw new IllegalArgumentException("coupons are not configured here");
            return coupon.issue(s);
        }
        throw new IllegalArgumentException("unknown step " + step);
    }

    private Map<String, Object> plan(PlanStep s) {
        return firstChannel == null || s.options().channels().isEmpty() ? plan.plan(s) : firstChannel.plan(s);
    }

    /**
     * The send first, then the next step's plan, which so sees this send in the ledger (as a plan made after it in
     * its own Task would). A retry after a failed plan finds the send confirmed in the ledger and sends nothing again.
     */
    private Map<String, Object> dispatchThenPlan(DispatchStep s) {
        Map<String, Object> out = new LinkedHashMap<>(dispatch.dispatch(s));
        if (s.next() != null) out.put("next", plan(s.next()));
        return out;
    }
}
