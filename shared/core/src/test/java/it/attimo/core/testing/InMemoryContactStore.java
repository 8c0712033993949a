package it.attimo.core.testing;

import it.attimo.core.customer.Contact;
import it.attimo.core.customer.ContactKeys;
import it.attimo.core.port.ContactLookup;
import it.attimo.core.port.ContactStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

public final class InMemoryContactStore implements ContactStore, ContactLookup {
    private final Map<String, Contact> contacts = new HashMap<>();
    private int puts;
    private int finds;

    @Override
    public synchronized void put(Contact contact) {
        puts++;
        contacts.put(contact.customerId(), contact);
    }

    /** How many times {@link #put} was called. */
    public synchronized int puts() {
        return puts;
    }

    /** How many times {@link #find} was called. */
    public synchronized int finds() {
        return finds;
    }

    @Override
    public synchronized Optional<Contact> find(String customerId) {
        finds++;
        return Optional.ofNullable(contacts.get(customerId));
    }

    @Override
    public synchronized void delete(String customerId) {
        contacts.remove(customerId);
    }

    @Override
    public synchronized List<String> customersByPhone(String phone) {
        String key = ContactKeys.phoneKey(phone);
        return contacts.values().stream()
                .filter(c -> key != null && Objects.equals(key, ContactKeys.phoneKey(c.phone())))
                .map(Contact::customerId)
                .sorted()
                .toList();
    }

    @Override
    public synchronized List<String> customersByEmail(String email) {
        String key = ContactKeys.emailKey(email);
        return contacts.values().stream()
                .filter(c -> key != null && Objects.equals(key, ContactKeys.emailKey(c.email())))
                .map(Contact::customerId)
                .sorted()
                .toList();
    }

    public synchronized int size() {
        return contacts.size();
    }
}
