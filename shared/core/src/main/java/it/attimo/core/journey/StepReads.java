package it.attimo.core.journey;

import it.attimo.core.customer.Contact;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.WaitRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads of one journey step, made once: inside {@link #during} the stores this class wraps answer a customer's event
 * log, ledger, profile and contact from what the step already read, so a dispatch that checks its wake keys, its
 * holds, renders the message and plans the next send reads the customer's history once instead of four times. Any
 * write through a wrapped store (successful or not) forgets what was read from that store, so a step always sees its
 * own writes, and registering a wait forgets every read (see {@link #waits}). The memo lives on the step's thread and
 * ends with the step, so it never outlives one handler call. Outside a step every call goes straight to the store.
 */
public final class StepReads {
    private final ThreadLocal<Map<String, Object>> memo = new ThreadLocal<>();

    /** Runs {@code step} with a fresh memo (or inside the memo of a step already running on this thread). */
    public <T> T during(Supplier<T> step) {
        if (memo.get() != null) return step.get();
        memo.set(new HashMap<>());
        try {
            return step.get();
        } finally {
            memo.remove();
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T remembered(String store, String customerId, Supplier<T> load) {
        Map<String, Object> m = memo.get();
        if (m == null) return load.get();
        String key = key(store, customerId);
        if (m.containsKey(key)) return (T) m.get(key);
        T value = load.get();
        m.put(key, value);
        return value;
    }

    private static String key(String store, String customerId) {
        return store + '\u0000' + customerId;
    }

    /**
     * Whatever the outcome of a write, what was read from {@code store} is read again (the reads named after it too:
     * {@code events} covers {@code events-log}, {@code profiles} covers {@code profiles-stored}).
     */
    private void forget(String store) {
        Map<String, Object> m = memo.get();
        if (m != null) m.keySet().removeIf(k -> k.startsWith(store));
    }

    /** What the step read of {@code store} for the customer, if it did (null otherwise or outside a step). */
    @SuppressWarnings("unchecked")
    private <T> T peek(String store, String customerId) {
        Map<String, Object> m = memo.get();
        return m == null ? null : (T) m.get(key(store, customerId));
    }

    /**
     * A ledger record this step put (a whole item, keyed by customer and message id) replaces its old copy in what the
     * step read, in the ledger's order, so the next read of the partition (the plan after a send) is not a query.
     */
    private void writtenThrough(List<MessageRecord> known, MessageRecord written) {
        Map<String, Object> m = memo.get();
        if (m == null || known == null) return;
        List<MessageRecord> records = new java.util.ArrayList<>(known);
        records.removeIf(r -> r.messageId().equals(written.messageId()));
        int at = 0;
        while (at < records.size() && records.get(at).messageId().compareTo(written.messageId()) < 0) at++;
        records.add(at, written);
        m.put(key("ledger", written.customerId()), List.copyOf(records));
    }

    private <T> T write(String store, Supplier<T> write) {
        forget(store);
        try {
            return write.get();
        } finally {
            forget(store);
        }
    }

    private void write(String store, Runnable write) {
        write(store, () -> {
            write.run();
            return null;
        });
    }

    public EventLog eventLog(EventLog log) {
        return new EventLog() {
            @Override
            public boolean append(CustomerEvent event) {
                return write("events", () -> log.append(event));
            }

            @Override
            public Set<String> appendAll(List<CustomerEvent> events) {
                return write("events", () -> log.appendAll(events));
            }

            @Override
            public List<CustomerEvent> history(String customerId) {
                return remembered("events", customerId, () -> List.copyOf(log.history(customerId)));
            }

            @Override
            public CustomerLog read(String customerId) {
                return remembered("events-log", customerId, () -> log.read(customerId));
            }

            @Override
            public void erase(String customerId) {
                write("events", () -> log.erase(customerId));
            }

            @Override
            public void erase(String customerId, Instant erasedAt) {
                write("events", () -> log.erase(customerId, erasedAt));
            }

            @Override
            public Optional<Instant> erasedAt(String customerId) {
                return log.erasedAt(customerId);
            }
        };
    }

    public MessageLedger ledger(MessageLedger ledger) {
        return new MessageLedger() {
            @Override
            public boolean reserve(MessageRecord record) {
                List<MessageRecord> known = peek("ledger", record.customerId());
                boolean reserved = write("ledger", () -> ledger.reserve(record));
                if (reserved) writtenThrough(known, record);
                return reserved;
            }

            @Override
            public void update(MessageRecord record) {
                List<MessageRecord> known = peek("ledger", record.customerId());
                write("ledger", () -> ledger.update(record));
                writtenThrough(known, record);
            }

            @Override
            public void recordPlan(MessageRecord plan) {
                List<MessageRecord> known = peek("ledger", plan.customerId());
                write("ledger", () -> ledger.recordPlan(plan));
                writtenThrough(known, plan);
            }

            @Override
            public List<MessageRecord> forCustomer(String customerId) {
                return remembered("ledger", customerId, () -> List.copyOf(ledger.forCustomer(customerId)));
            }

            @Override
            public void recordOutcome(String customerId, String messageId, String outcome, Instant at) {
                write("ledger", () -> ledger.recordOutcome(customerId, messageId, outcome, at));
            }

            @Override
            public void erase(String customerId) {
                write("ledger", () -> ledger.erase(customerId));
            }
        };
    }

    public ProfileStore profiles(ProfileStore profiles) {
        return new ProfileStore() {
            @Override
            public Optional<Profile> find(String customerId) {
                return remembered("profiles", customerId, () -> profiles.find(customerId));
            }

            @Override
            public Optional<Profile> findStored(String customerId) {
                return remembered("profiles-stored", customerId, () -> profiles.findStored(customerId));
            }

            @Override
            public Profile save(Profile profile, long expectedVersion) {
                return write("profiles", () -> profiles.save(profile, expectedVersion));
            }

            @Override
            public void delete(String customerId) {
                write("profiles", () -> profiles.delete(customerId));
            }
        };
    }

    /**
     * Registering or removing a wait is the step's synchronisation point with the scoring side (a park reads the log
     * again after registering, so an event processed in between is not missed): it forgets everything read so far.
     */
    public WaitRegistry waits(WaitRegistry waits) {
        return new WaitRegistry() {
            @Override
            public void park(ParkedWait wait) {
                forgetAll(() -> waits.park(wait));
            }

            @Override
            public List<ParkedWait> waitingFor(String customerId, String eventType) {
                return waits.waitingFor(customerId, eventType);
            }

            @Override
            public List<ParkedWait> forCustomer(String customerId) {
                return waits.forCustomer(customerId);
            }

            @Override
            public void remove(ParkedWait wait) {
                forgetAll(() -> waits.remove(wait));
            }

            @Override
            public void erase(String customerId) {
                forgetAll(() -> waits.erase(customerId));
            }
        };
    }

    private void forgetAll(Runnable write) {
        Map<String, Object> m = memo.get();
        if (m != null) m.clear();
        try {
            write.run();
        } finally {
            if (m != null) m.clear();
        }
    }

    public ContactStore contacts(ContactStore contacts) {
        return new ContactStore() {
            @Override
            public void put(Contact contact) {
                write("contacts", () -> contacts.put(contact));
            }

            @Override
            public Optional<Contact> find(String customerId) {
                return remembered("contacts", customerId, () -> contacts.find(customerId));
            }

            @Override
            public void delete(String customerId) {
                write("contacts", () -> contacts.delete(customerId));
            }
        };
    }
}
