package it.attimo.core.testing;

import it.attimo.core.journey.MessageRecord;
import it.attimo.core.port.MessageLedger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dispatch ledger keyed by customer#execution#step; {@link #reserve} is a conditional put. */
public final class InMemoryMessageLedger implements MessageLedger {
    private final Map<String, MessageRecord> records = new LinkedHashMap<>();

    @Override
    public synchronized boolean reserve(MessageRecord record) {
        return records.putIfAbsent(record.key(), record) == null;
    }

    @Override
    public synchronized void update(MessageRecord record) {
        records.put(record.key(), record);
    }

    @Override
    public synchronized List<MessageRecord> forCustomer(String customerId) {
        return records.values().stream()
                .filter(r -> r.customerId().equals(customerId))
                .toList();
    }

    @Override
    public synchronized void erase(String customerId) {
        records.values().removeIf(r -> r.customerId().equals(customerId));
    }

    public synchronized List<MessageRecord> all() {
        return new ArrayList<>(records.values());
    }
}
