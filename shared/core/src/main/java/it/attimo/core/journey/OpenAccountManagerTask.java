package it.attimo.core.journey;

import static it.attimo.core.journey.StepResults.status;

import it.attimo.core.port.AccountManagerTasks;
import it.attimo.core.port.ProfileStore;
import java.util.Map;

/** {@code task}: opens an account-manager task for a customer who still has a profile. */
public final class OpenAccountManagerTask {
    private final ProfileStore profiles;
    private final AccountManagerTasks accountManagers;

    public OpenAccountManagerTask(ProfileStore profiles, AccountManagerTasks accountManagers) {
        this.profiles = profiles;
        this.accountManagers = accountManagers;
    }

    public Map<String, Object> open(TaskStep p) {
        if (profiles.find(p.customerId()).isEmpty()) return status("skipped", "no profile (erased or unknown)");
        accountManagers.open(p.customerId(), p.reason(), p.executionName());
        return status("opened", null);
    }
}
