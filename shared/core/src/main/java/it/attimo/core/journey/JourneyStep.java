package it.attimo.core.journey;

import java.util.List;

/** One Task action of a journey state machine, parsed once at the edge. Payloads carry ids only. */
public sealed interface JourneyStep
        permits PlanStep,
                DispatchStep,
                ParkStep,
                CompleteStep,
                TimelineStep,
                ProgressStep,
                EvaluateStep,
                TaskStep,
                CouponStep {
    /** The action names of the state machines' payloads, in the order the error messages list them. */
    List<String> ACTIONS =
            List.of("plan", "dispatch", "park", "complete", "timeline", "progress", "evaluate", "task", "coupon");

    /** The payload's {@code action}. */
    String action();
}
