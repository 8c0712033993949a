package it.attimo.core.journey;

import it.attimo.core.customer.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When a planned step's window opens and closes for this customer: {@code anchor + offset} (the offset of the
 * customer's area where the step declares one, or the start of their next working day), {@code window} long, and
 * moved earlier by the journey's timing rules (the December shift). {@code reasons} say what moved it.
 */
record StepWindow(Instant opens, Instant closes, List<String> reasons) {
    static StepWindow of(PlanStep p, Profile profile, SendPlanner planner) {
        List<String> reasons = new ArrayList<>(2);
        PlanOptions options = p.options();
        Duration offset = options.offsetFor(profile.location(), p.offset());
        if (!offset.equals(p.offset()))
            reasons.add("area-offset: " + PlanOptions.areaGroup(profile.location()) + " " + offset);
        Instant opens = PlanOptions.NEXT_WORKING_DAY.equals(options.start())
                ? planner.nextWorkingDay(profile, p.anchor())
                : p.anchor().plus(offset);
        if (PlanOptions.NEXT_WORKING_DAY.equals(options.start())) reasons.add("next-working-day: " + opens);
        Duration earlier = planner.anticipation(p.journey(), p.anchor(), opens, reasons);
        opens = opens.minus(earlier);
        return new StepWindow(opens, opens.plus(p.window()), List.copyOf(reasons));
    }
}
