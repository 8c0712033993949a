package it.attimo.core.testing;

import it.attimo.core.journey.MessageRecord;
import it.attimo.core.port.MessageAttribution;
import it.attimo.core.port.MessageLedger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dispatch ledger keyed by customer#execution#step; {@link #reserve} is a conditional put. */
public final class InMemoryMessageLedger implements MessageLedger, MessageAttribution {
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

    @Override
    public synchronized Optional<MessageRecord> byProviderMessageId(String providerMessageId) {
        return records.values().stream()
                .filter(r -> providerMessageId != null && providerMessageId.equals(r.providerMessageId()))
                .findFirst();
    }

    public synchronized List<MessageRecord> all() {
        return new ArrayList<>(records.values());
    }
}
