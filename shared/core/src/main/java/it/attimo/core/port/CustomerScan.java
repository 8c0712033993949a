package it.attimo.core.port;

import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams every customer's profile with its event log, for reports (KPIs). On AWS a paginated Scan of the profiles
 * table joined with a Scan of the event log table; never used on the hot path.
 */
public interface CustomerScan {
    record ScannedCustomer(Profile profile, List<CustomerEvent> history) {}

    void forEach(Consumer<ScannedCustomer> visitor);

    /** Every profile without its event log, for jobs that only need what the profile holds (retention). */
    default void forEachProfile(Consumer<Profile> visitor) {
        forEach(c -> visitor.accept(c.profile()));
    }
}
