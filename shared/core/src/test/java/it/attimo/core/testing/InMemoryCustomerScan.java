package it.attimo.core.testing;

import it.attimo.core.customer.Profile;
import it.attimo.core.port.CustomerScan;
import java.util.Comparator;
import java.util.function.Consumer;

/** Scans the in-memory profile store joined with the in-memory event log, in customer-id order. */
public final class InMemoryCustomerScan implements CustomerScan {
    private final InMemoryProfileStore profiles;
    private final InMemoryEventLog eventLog;

    public InMemoryCustomerScan(InMemoryProfileStore profiles, InMemoryEventLog eventLog) {
        this.profiles = profiles;
        this.eventLog = eventLog;
    }

    @Override
    public void forEach(Consumer<ScannedCustomer> visitor) {
        profiles.all().stream()
                .sorted(Comparator.comparing(Profile::customerId))
                .forEach(p -> visitor.accept(new ScannedCustomer(p, eventLog.history(p.customerId()))));
    }
}
