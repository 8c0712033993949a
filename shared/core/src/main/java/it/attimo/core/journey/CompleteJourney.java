package it.attimo.core.journey;

import static it.attimo.core.journey.StepResults.status;

import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.WaitRegistry;
import it.attimo.core.profile.ProcessCustomerEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code complete}: the end of a journey: its waits removed, its plans closed, its run (and outcome) recorded on the
 * profile.
 */
public final class CompleteJourney {
    private final ProfileStore profiles;
    private final WaitRegistry waits;
    private final MessageLedger ledger;
    private final Clock clock;

    public CompleteJourney(ProfileStore profiles, WaitRegistry waits, MessageLedger ledger, Clock clock) {
        this.profiles = profiles;
        this.waits = waits;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Map<String, Object> complete(CompleteStep p) {
        String customerId = p.customerId();
        String executionName = p.executionName();
        Instant now = clock.instant();
        for (ParkedWait w : waits.forCustomer(customerId)) {
            if (w.executionName().equals(executionName)) waits.remove(w);
        }
        LedgerPlans.close(ledger, customerId, executionName, null, "journey ended", now);
        ProcessCustomerEvents.update(profiles, customerId, pr -> {
            List<JourneyRun> runs = new ArrayList<>();
            for (JourneyRun r : pr.journeys()) {
                runs.add(
                        r.executionName().equals(executionName)
                                ? new JourneyRun(r.journey(), r.executionName(), r.startedAt(), p.status(), now)
                                : r);
            }
            Profile updated = pr.withJourneys(runs);
            if (p.outcome() != null) {
                Map<String, String> outcomes = new LinkedHashMap<>(pr.outcomes());
                outcomes.put(p.journey(), p.outcome());
                updated = updated.withOutcomes(outcomes);
            }
            return updated;
        });
        return status("completed", null);
    }
}
