package it.attimo.core.privacy;

import it.attimo.core.customer.Contact;
import it.attimo.core.customer.Profile;
import it.attimo.core.error.NotFound;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.profile.ProfileFolder;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/** {@code GET /profiles/{customerId}/export}: a signed request gets {@link PersonalData}, or 404 when nothing is held. */
public final class PersonalDataExport {
    private final ProfileStore profiles;
    private final ContactStore contacts;
    private final EventLog events;
    private final MessageLedger ledger;
    private final RequestSignatures signatures;
    private final Clock wallClock;

    public PersonalDataExport(
            ProfileStore profiles,
            ContactStore contacts,
            EventLog events,
            MessageLedger ledger,
            RequestSignatures signatures,
            Clock wallClock) {
        this.profiles = profiles;
        this.contacts = contacts;
        this.events = events;
        this.ledger = ledger;
        this.signatures = signatures;
        this.wallClock = wallClock;
    }

    public PersonalData export(String customerId, SignedCall call) {
        signatures.require(call);
        if (customerId == null || customerId.isBlank()) throw new NotFound("no customer id given");
        Profile profile = profiles.find(customerId).orElse(null);
        Contact contact = contacts.find(customerId).orElse(null);
        List<CustomerEvent> log = ProfileFolder.canonical(events.history(customerId));
        List<MessageRecord> messages = ledger.forCustomer(customerId).stream()
                .sorted(Comparator.comparing(MessageRecord::messageId))
                .toList();
        if (profile == null && contact == null && log.isEmpty() && messages.isEmpty()) {
            throw new NotFound("nothing is held on customer " + customerId);
        }
        return new PersonalData(customerId, profile, contact, log, messages, wallClock.instant());
    }
}
