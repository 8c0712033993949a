package it.attimo.core.port;

import it.attimo.core.customer.Contact;
import java.util.Optional;

/** Personal contact details, kept apart from profiles. */
public interface ContactStore {
    void put(Contact contact);

    Optional<Contact> find(String customerId);

    void delete(String customerId);
}
