package it.attimo.core.privacy;

import it.attimo.core.digest.Sha256;
import it.attimo.core.error.BadRequest;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.port.EventQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code DELETE /profiles/{customerId}} (GDPR art. 17): a signed request queues the same {@code customer.erased} event
 * HubSpot's {@code contact.privacyDeletion} becomes, behind the customer's earlier events in their FIFO group, so the
 * score function erases profile, contacts, event log (leaving a tombstone), ledger and waits and stops their journeys.
 * Erasing someone Attimo does not know changes nothing, so the answer does not reveal whether they existed.
 */
public final class ErasureRequests {
    public static final String SOURCE = "attimo:privacy-api";
    private final EventQueue queue;
    private final RequestSignatures signatures;
    private final Clock clock;

    /** @param clock when the request came in: the erasure covers every event up to this instant */
    public ErasureRequests(EventQueue queue, RequestSignatures signatures, Clock clock) {
        this.queue = queue;
        this.signatures = signatures;
        this.clock = clock;
    }

    /** What was queued: the erasure event's id and the instant everything before it is erased up to. */
    public record Erasure(String customerId, String eventId, Instant requestedAt) {}

    public Erasure erase(String customerId, SignedCall call) {
        signatures.require(call);
        if (customerId == null || customerId.isBlank()) throw new BadRequest("no customer id given");
        Instant now = clock.instant();
        String id = "erase-" + Sha256.hex(customerId + "|" + now.toEpochMilli()).substring(0, 32);
        queue.publish(List.of(new CustomerEvent(id, SOURCE, EventTypes.CUSTOMER_ERASED, customerId, now, Map.of())));
        return new Erasure(customerId, id, now);
    }
}
