package it.attimo.core.journey;

import static it.attimo.core.journey.StepResults.status;

import it.attimo.core.customer.Profile;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.ProfileStore;
import java.util.List;
import java.util.Map;

/** {@code evaluate}: the closing outcome of a journey (milestones finished, tier), recorded as its completion. */
public final class EvaluateJourney {
    private final EventLog eventLog;
    private final ProfileStore profiles;
    private final CompleteJourney complete;
    private final JourneyCatalog catalog;

    public EvaluateJourney(EventLog eventLog, ProfileStore profiles, CompleteJourney complete, JourneyCatalog catalog) {
        this.eventLog = eventLog;
        this.profiles = profiles;
        this.complete = complete;
        this.catalog = catalog;
    }

    public Map<String, Object> evaluate(EvaluateStep p) {
        List<String> required = p.required().isEmpty()
                ? catalog.journey(p.journey())
                        .map(JourneyDefinition::requiredKeys)
                        .orElse(List.of())
                : p.required();
        boolean finished = !required.isEmpty()
                && Milestones.missing(eventLog.history(p.customerId()), required, p.since())
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
