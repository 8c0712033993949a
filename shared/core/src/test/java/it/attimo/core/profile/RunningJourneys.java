package it.attimo.core.profile;

import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.port.ProfileStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Puts a running journey on a customer's profile, as starting it does: the score function reads waits only then. */
final class RunningJourneys {
    private RunningJourneys() {}

    static void running(ProfileStore profiles, String customerId, String executionName, Instant startedAt) {
        Profile current = profiles.find(customerId).orElse(null);
        Profile base = current == null ? Profile.empty(customerId) : current;
        if (base.journeys().stream().anyMatch(r -> r.executionName().equals(executionName))) return;
        List<JourneyRun> runs = new ArrayList<>(base.journeys());
        runs.add(new JourneyRun("test-journey", executionName, startedAt, JourneyRun.RUNNING, null));
        profiles.save(base.withJourneys(runs), current == null ? 0 : current.version());
    }
}
