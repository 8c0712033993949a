package it.attimo.core.testing;

import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An event log deduplicated by (customer, event id), like the conditional put on the real table. */
public final class InMemoryEventLog implements EventLog {
    private final Map<String, LinkedHashMap<String, CustomerEvent>> byCustomer = new HashMap<>();
    private final Set<String> failingCustomers = new HashSet<>();
    private final Map<String, Instant> tombstones = new HashMap<>();

    @Override
    public synchronized boolean append(CustomerEvent event) {
        if (failingCustomers.contains(event.customerId())) {
            throw new IllegalStateException("event log unavailable for customer " + event.customerId());
        }
        return byCustomer
                        .computeIfAbsent(event.customerId(), c -> new LinkedHashMap<>())
                        .putIfAbsent(event.id(), event)
                == null;
    }

    @Override
    public synchronized List<CustomerEvent> history(String customerId) {
        LinkedHashMap<String, CustomerEvent> log = byCustomer.get(customerId);
        return log == null ? List.of() : new ArrayList<>(log.values());
    }

    @Override
    public synchronized void erase(String customerId) {
        byCustomer.remove(customerId);
    }

    @Override
    public synchronized void erase(String customerId, Instant erasedAt) {
        byCustomer.remove(customerId);
        tombstones.merge(customerId, erasedAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public synchronized Optional<Instant> erasedAt(String customerId) {
        return Optional.ofNullable(tombstones.get(customerId));
    }

    /** Every append for this customer throws until {@link #recover} is called. */
    public synchronized void failFor(String customerId) {
        failingCustomers.add(customerId);
    }

    public synchronized void recover(String customerId) {
        failingCustomers.remove(customerId);
    }

    public synchronized int size() {
        return byCustomer.values().stream().mapToInt(Map::size).sum();
    }
}
