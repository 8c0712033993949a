package it.attimo.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.customer.Profile;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.error.NotFound;
import it.attimo.core.event.EventTypes;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.FixedSecrets;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrivacyRequestsTest {
    final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
    final MutableClock business = MutableClock.at("2026-06-10T08:00:00Z");
    final RequestSignatures signatures = new RequestSignatures(FixedSecrets.defaults(), wall);
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final InMemoryEventLog log = new InMemoryEventLog();
    final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    final ErasureRequests erasures = new ErasureRequests(queue, signatures, business);
    final PersonalDataExport export = new PersonalDataExport(profiles, contacts, log, ledger, signatures, wall);

    SignedCall signed(String method, String path) {
        long ts = wall.millis();
        return new SignedCall(
                method,
                path,
                Long.toString(ts),
                AttimoSignatureVerifier.signRequest(FixedSecrets.WEBHOOK, ts, method, path));
    }

    @Test
    void aSignedDeleteQueuesTheErasureAtBusinessTime() {
        ErasureRequests.Erasure e = erasures.erase("c-1", signed("DELETE", "/profiles/c-1"));
        assertThat(queue.published()).hasSize(1);
        assertThat(queue.published().get(0).type()).isEqualTo(EventTypes.CUSTOMER_ERASED);
        assertThat(queue.published().get(0).customerId()).isEqualTo("c-1");
        assertThat(queue.published().get(0).time()).isEqualTo(business.instant());
        assertThat(e.eventId()).isEqualTo(queue.published().get(0).id()).startsWith("erase-");
    }

    @Test
    void theSignatureCoversMethodAndPath() {
        SignedCall forOther = signed("DELETE", "/profiles/c-2");
        assertThatThrownBy(() -> erasures.erase(
                        "c-1", new SignedCall("DELETE", "/profiles/c-1", forOther.timestamp(), forOther.signature())))
                .isInstanceOf(InvalidSignature.class);
        SignedCall get = signed("GET", "/profiles/c-1");
        assertThatThrownBy(() -> erasures.erase(
                        "c-1", new SignedCall("DELETE", "/profiles/c-1", get.timestamp(), get.signature())))
                .isInstanceOf(InvalidSignature.class);
        assertThatThrownBy(() -> erasures.erase("c-1", new SignedCall("DELETE", "/profiles/c-1", null, null)))
                .isInstanceOf(InvalidSignature.class)
                .hasMessageContaining("missing");
        SignedCall old = signed("DELETE", "/profiles/c-1");
        wall.advance(Duration.ofMinutes(6));
        assertThatThrownBy(() -> erasures.erase("c-1", old)).hasMessageContaining("tolerance");
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void anEmptyCustomerIdIsRefused() {
        assertThatThrownBy(() -> erasures.erase(" ", signed("DELETE", "/profiles/%20")))
                .isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> export.export("", signed("GET", "/profiles//export")))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void theExportHoldsProfileContactEventsAndMessages() {
        profiles.save(Profile.empty("c-1"), 0);
        contacts.put(new Contact("c-1", "a@example.it", "+39333", null));
        log.append(Events.event(EventTypes.ORDER_PLACED, "c-1")
                .id("e-2")
                .at("2026-06-02T08:00:00Z")
                .build());
        log.append(Events.event(EventTypes.CUSTOMER_UPSERTED, "c-1")
                .id("e-1")
                .at("2026-06-01T08:00:00Z")
                .build());
        ledger.update(new MessageRecord(
                        "c-1",
                        "x#welcome",
                        "post-purchase",
                        "x",
                        "welcome",
                        Channel.EMAIL,
                        "service",
                        Instant.parse("2026-06-02T09:00:00Z"),
                        MessageRecord.SENT,
                        null,
                        "p-1",
                        Instant.parse("2026-06-02T09:00:00Z"))
                .withLegalBasis(MessageRecord.CONSENT));

        PersonalData data = export.export("c-1", signed("GET", "/profiles/c-1/export"));
        assertThat(data.profile().customerId()).isEqualTo("c-1");
        assertThat(data.contact().email()).isEqualTo("a@example.it");
        assertThat(data.events()).extracting(e -> e.id()).containsExactly("e-1", "e-2");
        assertThat(data.messages())
                .singleElement()
                .satisfies(m -> assertThat(m.legalBasis()).isEqualTo("consent"));
        assertThat(data.exportedAt()).isEqualTo(wall.instant());
    }

    @Test
    void nothingHeldIsNotFoundAndAnUnsignedExportReadsNothing() {
        assertThatThrownBy(() -> export.export("nobody", signed("GET", "/profiles/nobody/export")))
                .isInstanceOf(NotFound.class);
        SignedCall forOther = signed("GET", "/profiles/c-2/export");
        assertThatThrownBy(() -> export.export(
                        "c-1",
                        new SignedCall("GET", "/profiles/c-1/export", forOther.timestamp(), forOther.signature())))
                .isInstanceOf(InvalidSignature.class);
    }
}
