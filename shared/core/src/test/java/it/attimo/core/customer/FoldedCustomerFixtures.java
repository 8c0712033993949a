package it.attimo.core.customer;

import java.util.List;
import java.util.Map;

/** Profiles in states that only journeys and stores produce. */
public final class FoldedCustomerFixtures {
    private FoldedCustomerFixtures() {}

    public static Profile withJourneysOutcomesAndVersion(
            String customerId, List<JourneyRun> runs, Map<String, String> outcomes, long version) {
        return Profile.empty(customerId)
                .withJourneys(runs)
                .withOutcomes(outcomes)
                .withVersion(version);
    }
}
