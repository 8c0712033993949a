package it.attimo.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.channel.Channel;
import it.attimo.core.consent.ConfirmOptOut;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.port.ScoreWriteBack;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingChannelGateway;
import it.attimo.core.testing.RecordingJourneyRuntime;
import it.attimo.core.testing.RecordingRescoreScheduler;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What comes back from the channels changes the contact, the consent and the message it is about. */
class ChannelFeedbackTest {
    static final String C = "c-1";
    static final String MESSAGE = "post-purchase-c-1-e1#welcome";
    final MutableClock clock = MutableClock.at("2026-06-10T12:00:00Z");
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    final RecordingChannelGateway gateway = new RecordingChannelGateway();
    final ProcessCustomerEvents process = new ProcessCustomerEvents(
            new InMemoryEventLog(),
            profiles,
            contacts,
            new InMemoryWaitRegistry(),
            ledger,
            new RecordingJourneyRuntime(),
            new InMemoryQuarantineStore(),
            new RecordingRescoreScheduler(),
            new ProfileFolder(new DirectoryGeoResolver(ComuneDirectory.bundled()), CountingScorer.INSTANCE),
            JourneyCatalog.defaults(),
            ScoreWriteBack.NONE,
            it.attimo.core.port.CouponStore.NONE,
            new ConfirmOptOut(
                    contacts,
                    ledger,
                    gateway,
                    clock,
                    it.attimo.core.message.MessageRenderer.bundled(
                            "https://shop.example", (it.attimo.core.message.CustomerLinkToken) null),
                    profiles),
            clock);
    final ProfileQueries queries = new ProfileQueries(profiles, contacts);

    @BeforeEach
    void aCustomerWithAnAddressAndASentEmail() {
        process.handle(upsert("u-1", "2026-06-01T08:00:00Z", "anna@example.it"));
        ledger.update(new MessageRecord(
                C,
                MESSAGE,
                "post-purchase",
                "post-purchase-c-1-e1",
                "welcome",
                Channel.EMAIL,
                "service",
                Instant.parse("2026-06-10T08:00:00Z"),
                MessageRecord.SENT,
                null,
                "ses-1",
                Instant.parse("2026-06-10T08:00:01Z")));
    }

    static CustomerEvent upsert(String id, String at, String email) {
        return Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id(id)
                .at(at)
                .data("email", email)
                .data("consent", Map.of("email", true))
                .build();
    }

    static CustomerEvent outcome(String id, String type, String at, Map<String, Object> data) {
        Events.Builder b = Events.event(type, C).id(id).at(at).data("messageId", MESSAGE);
        data.forEach(b::data);
        return b.build();
    }

    @Test
    void aPermanentBounceMakesTheAddressUnreachableUntilANewOneIsGiven() {
        process.handle(
                outcome("b-1", EventTypes.EMAIL_BOUNCED, "2026-06-10T08:01:00Z", Map.of("bounceType", "Permanent")));
        assertThat(queries.profile(C).canReach(Channel.EMAIL)).isFalse();
        assertThat(contacts.find(C).orElseThrow().unreachable()).containsExactly(Channel.EMAIL);

        process.handle(upsert("u-2", "2026-06-11T08:00:00Z", "anna.nuova@example.it"));
        assertThat(queries.profile(C).canReach(Channel.EMAIL)).isTrue();
    }

    @Test
    void theSameAddressGivenAgainStaysUnreachable() {
        process.handle(
                outcome("b-1", EventTypes.EMAIL_BOUNCED, "2026-06-10T08:01:00Z", Map.of("bounceType", "Permanent")));
        process.handle(upsert("u-2", "2026-06-11T08:00:00Z", "anna@example.it"));
        assertThat(queries.profile(C).canReach(Channel.EMAIL)).isFalse();
    }

    @Test
    void aTransientBounceChangesNoReachability() {
        process.handle(
                outcome("b-1", EventTypes.EMAIL_BOUNCED, "2026-06-10T08:01:00Z", Map.of("bounceType", "Transient")));
        assertThat(queries.profile(C).canReach(Channel.EMAIL)).isTrue();
        assertThat(ledger.all().get(0).outcomes()).containsKey(EventTypes.EMAIL_BOUNCED);
    }

    @Test
    void aComplaintWithdrawsEmailConsentWithItsSource() {
        process.handle(
                outcome("x-1", EventTypes.EMAIL_COMPLAINED, "2026-06-10T09:00:00Z", Map.of("source", "ses-complaint")));
        var consent = profiles.find(C).orElseThrow().consents().get("email");
        assertThat(consent.granted()).isFalse();
        assertThat(consent.source()).isEqualTo("ses-complaint");
        assertThat(consent.at()).isEqualTo(Instant.parse("2026-06-10T09:00:00Z"));
    }

    @Test
    void everyOutcomeIsWrittenOnceOnTheMessageItIsAbout() {
        process.handle(outcome("o-1", EventTypes.EMAIL_OPENED, "2026-06-10T10:00:00Z", Map.of()));
        process.handle(outcome("o-2", EventTypes.EMAIL_OPENED, "2026-06-10T11:00:00Z", Map.of()));
        process.handle(outcome("k-1", EventTypes.EMAIL_CLICKED, "2026-06-10T10:05:00Z", Map.of()));
        assertThat(ledger.all().get(0).outcomes())
                .containsEntry(EventTypes.EMAIL_OPENED, Instant.parse("2026-06-10T10:00:00Z"))
                .containsEntry(EventTypes.EMAIL_CLICKED, Instant.parse("2026-06-10T10:05:00Z"));
        assertThat(ledger.all().get(0).status()).isEqualTo(MessageRecord.SENT);
    }

    @Test
    void anEventThatIsNotAChannelOutcomeLeavesTheLedgerAlone() {
        process.handle(Events.event(EventTypes.ORDER_PLACED, C)
                .id("p-1")
                .at("2026-06-10T10:00:00Z")
                .data("messageId", MESSAGE)
                .build());
        // an outcome that names no message has nothing to update
        process.handle(Events.event(EventTypes.EMAIL_OPENED, C)
                .id("o-9")
                .at("2026-06-10T10:00:00Z")
                .build());
        assertThat(ledger.all().get(0).outcomes()).isEmpty();
    }

    @Test
    void aDisabledPushEndpointMakesPushUnreachable() {
        process.handle(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u-3")
                .at("2026-06-10T09:00:00Z")
                .data("pushToken", "tok-1")
                .build());
        assertThat(queries.profile(C).canReach(Channel.PUSH)).isTrue();
        process.handle(Events.event(EventTypes.PUSH_DISABLED, C)
                .id("d-1")
                .at("2026-06-10T10:00:00Z")
                .build());
        assertThat(queries.profile(C).canReach(Channel.PUSH)).isFalse();
    }

    static CustomerEvent sms(String id, String at, String keyword) {
        return Events.event(EventTypes.SMS_RECEIVED, C)
                .id(id)
                .at(at)
                .data("keyword", keyword)
                .data("optOut", !keyword.equals("other"))
                .data("inboundMessageId", "in-" + id)
                .build();
    }

    @Test
    void aStopWithdrawsSmsConsentAndIsConfirmedOnceEvenWhenRepeatedOrRedelivered() {
        process.handle(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u-sms")
                .at("2026-06-02T08:00:00Z")
                .data("phone", "+393331234567")
                .data("consent", Map.of("sms", true))
                .build());
        process.handle(sms("s-0", "2026-06-10T09:00:00Z", "other"));
        assertThat(gateway.sent()).isEmpty();

        CustomerEvent stop = sms("s-1", "2026-06-10T10:00:00Z", "STOP");
        process.handle(stop);
        process.handle(stop); // redelivered
        process.handle(sms("s-2", "2026-06-10T10:05:00Z", "ANNULLA")); // repeated

        var consent = profiles.find(C).orElseThrow().consents().get("sms");
        assertThat(consent.granted()).isFalse();
        assertThat(consent.source()).isEqualTo("sms-stop");
        assertThat(gateway.sent()).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo(Channel.SMS);
            assertThat(m.template()).isEqualTo(ConfirmOptOut.TEMPLATE);
            assertThat(m.kind()).isEqualTo("service");
            assertThat(m.rendered().text()).contains("non Le invieremo più SMS promozionali");
        });
        assertThat(ledger.all())
                .filteredOn(m -> m.journey().equals(ConfirmOptOut.JOURNEY))
                .singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo(MessageRecord.SENT));
    }

    @Test
    void aStopFromSomeoneWithoutANumberOnFileWithdrawsButSendsNothing() {
        process.handle(sms("s-1", "2026-06-10T10:00:00Z", "CANCELLA"));
        assertThat(profiles.find(C).orElseThrow().consents().get("sms").granted())
                .isFalse();
        assertThat(gateway.sent()).isEmpty();
    }

    @Test
    void aStopAfterConsentWasGivenAgainIsConfirmedAgain() {
        process.handle(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u-sms")
                .at("2026-06-02T08:00:00Z")
                .data("phone", "+393331234567")
                .build());
        process.handle(sms("s-1", "2026-06-10T10:00:00Z", "STOP"));
        process.handle(Events.event(EventTypes.CONSENT_CHANGED, C)
                .id("g-1")
                .at("2026-06-11T10:00:00Z")
                .data("channel", "sms")
                .data("granted", true)
                .build());
        process.handle(sms("s-2", "2026-06-12T10:00:00Z", "STOP"));
        assertThat(gateway.sent()).hasSize(2);
    }
}
