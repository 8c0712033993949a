package it.attimo.core.testing;

import it.attimo.core.customer.Contact;
import it.attimo.core.port.ContactStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryContactStore implements ContactStore {
    private final Map<String, Contact> contacts = new HashMap<>();

    @Override
    public synchronized void put(Contact contact) {
        contacts.put(contact.customerId(), contact);
    }

    @Override
    public synchronized Optional<Contact> find(String customerId) {
        return Optional.ofNullable(contacts.get(customerId));
    }

    @Override
    public synchronized void delete(String customerId) {
        contacts.remove(customerId);
    }

    public synchronized int size() {
        return contacts.size();
    }
}
