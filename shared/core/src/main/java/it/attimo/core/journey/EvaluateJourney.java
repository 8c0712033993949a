package it.attimo.core.journey;

import static it.attimo.core.journey.StepResults.status;

import it.attimo.core.customer.Profile;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.ProfileStore;
import java.util.Map;

/** {@code evaluate}: the closing outcome of a journey (milestones finished, tier), recorded as its completion. */
public final class EvaluateJourney {
    private final EventLog eventLog;
    private final ProfileStore profiles;
    private final CompleteJourney complete;

    public EvaluateJourney(EventLog eventLog, ProfileStore profiles, CompleteJourney complete) {
        this.eventLog = eventLog;
        this.profiles = profiles;
        this.complete = complete;
    }

    public Map<String, Object> evaluate(EvaluateStep p) {
        boolean finished = !p.required().isEmpty()
                && Milestones.missing(eventLog.history(p.customerId()), p.required(), p.since())
                        .isEmpty();
        String tier = profiles.find(p.customerId()).map(Profile::tier).orElse(null);
        String outcome = OnboardingOutcome.of(finished, tier);
        complete.complete(new CompleteStep(p.customerId(), p.executionName(), p.status(), p.journey(), outcome));
        Map<String, Object> out = status("completed", null);
        out.put("outcome", outcome);
        out.put("finished", finished);
        out.put("tier", tier);
        return out;
    }
}
