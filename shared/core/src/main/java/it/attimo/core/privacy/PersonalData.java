package it.attimo.core.privacy;

import it.attimo.core.customer.Contact;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.journey.MessageRecord;
import java.time.Instant;
import java.util.List;

/**
 * Everything Attimo holds on one person (GDPR art. 15 and 20): the profile (null if none), the contact details (null
 * if none), every event of their log, and every ledger record (plans and sends, with legal basis and outcomes).
 */
public record PersonalData(
        String customerId,
        Profile profile,
        Contact contact,
        List<CustomerEvent> events,
        List<MessageRecord> messages,
        Instant exportedAt) {
    public PersonalData {
        events = List.copyOf(events);
        messages = List.copyOf(messages);
    }
}
