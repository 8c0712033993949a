package it.attimo.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.json.Json;
import it.attimo.core.testing.FixedSecrets;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.SnsTestSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnsIngestTest {
    static final String PROVIDER_ID = "0102018f-ses-message-id-000000";

    final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final InMemoryQuarantineStore quarantine = new InMemoryQuarantineStore();
    final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    final SnsTestSigner signer = new SnsTestSigner();
    final SnsTestSigner.RecordingFetcher fetcher = SnsTestSigner.fetcher();
    final IngestEvents ingest =
            new IngestEvents(queue, quarantine, FixedSecrets.defaults(), HubSpotMapping.loadDefault(), wall);

    final InMemoryContactStore contacts = new InMemoryContactStore();

    SnsIngest sns(Set<String> topics) {
        return new SnsIngest(
                ingest,
                new SnsSignatureVerifier(fetcher, wall),
                fetcher,
                SesMapping.loadDefault(),
                ledger,
                contacts,
                SmsKeywords.loadDefault(),
                it.attimo.core.port.PushEndpoints.NONE,
                topics);
    }

    final SnsIngest sns = sns(Set.of(SnsTestSigner.TOPIC));

    @BeforeEach
    void aWelcomeEmailWasSent() {
        ledger.update(new MessageRecord(
                "c-1",
                "post-purchase-c-1-e1#welcome",
                "post-purchase",
                "post-purchase-c-1-e1",
                "welcome",
                Channel.EMAIL,
                "service",
                Instant.parse("2026-06-10T08:00:00Z"),
                MessageRecord.SENT,
                null,
                PROVIDER_ID,
                Instant.parse("2026-06-10T08:00:01Z")));
    }

    static String ses(String fixture, String providerId) {
        return SnsTestSigner.text("/events/" + fixture).replace("MSGID", providerId);
    }

    byte[] signed(String message) {
        return signer.notification(message, wall.instant(), "2").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPermanentBounceBecomesAnEmailBouncedEventOfTheMessage() {
        SnsDelivery d = sns.sesEvents(signed(ses("ses-bounce.json", PROVIDER_ID)));

        assertThat(d.isNotification()).isTrue();
        assertThat(d.result().accepted()).isEqualTo(1);
        CustomerEvent e = queue.published().get(0);
        assertThat(e.type()).isEqualTo(EventTypes.EMAIL_BOUNCED);
        assertThat(e.customerId()).isEqualTo("c-1");
        assertThat(e.source()).isEqualTo("aws:ses");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-06-10T08:01:02.669Z"));
        assertThat(e.data())
                .containsEntry("messageId", "post-purchase-c-1-e1#welcome")
                .containsEntry("journey", "post-purchase")
                .containsEntry("step", "welcome")
                .containsEntry("providerMessageId", PROVIDER_ID)
                .containsEntry("bounceType", "Permanent")
                .containsEntry("bounceSubType", "General");
        // ids only: no address of the SES record reaches the event
        assertThat(Json.write(e.data())).doesNotContain("@");
    }

    @Test
    void everySesEventTypeMapsToItsEmailEvent() {
        assertThat(type("ses-complaint.json")).isEqualTo(EventTypes.EMAIL_COMPLAINED);
        assertThat(queue.published().get(0).data()).containsEntry("source", "ses-complaint");
        assertThat(type("ses-open.json")).isEqualTo(EventTypes.EMAIL_OPENED);
        assertThat(type("ses-click.json")).isEqualTo(EventTypes.EMAIL_CLICKED);
        assertThat(type("ses-delivery.json")).isEqualTo(EventTypes.EMAIL_DELIVERED);
    }

    private String type(String fixture) {
        int before = queue.published().size();
        sns.sesEvents(signed(ses(fixture, PROVIDER_ID)));
        assertThat(queue.published()).hasSize(before + 1);
        return queue.published().get(before).type();
    }

    @Test
    void theSameNotificationTwiceIsTheSameEvent() {
        String message = ses("ses-open.json", PROVIDER_ID);
        sns.sesEvents(signed(message));
        sns.sesEvents(signer.notification(message, wall.instant().minusSeconds(30), "1")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(queue.published()).hasSize(2);
        assertThat(queue.published().get(0).id())
                .isEqualTo(queue.published().get(1).id());
    }

    @Test
    void anEventOfAMessageAttimoDidNotSendIsKeptInQuarantine() {
        SnsDelivery d = sns.sesEvents(signed(ses("ses-bounce.json", "someone-elses-message")));
        assertThat(d.result().rejected()).isEqualTo(1);
        assertThat(d.result().results().get(0).error()).contains("someone-elses-message");
        assertThat(queue.published()).isEmpty();
        assertThat(quarantine.all()).hasSize(1);
        assertThat(quarantine.all().get(0).origin()).isEqualTo("ses");
    }

    @Test
    void anUnusableSesRecordIsKeptAndAnUnmappedTypeIgnored() {
        assertThat(sns.sesEvents(signed("not json")).result().rejected()).isEqualTo(1);
        assertThat(sns.sesEvents(signed("{\"eventType\":\"Open\",\"mail\":{}}"))
                        .result()
                        .results()
                        .get(0)
                        .error())
                .contains("mail.messageId");
        assertThat(sns.sesEvents(signed(ses("ses-subscription.json", PROVIDER_ID)))
                        .result()
                        .ignored())
                .isEqualTo(1);
        assertThat(quarantine.all()).hasSize(2);
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void aForgedNotificationStoresNothing() throws Exception {
        ObjectNode n = (ObjectNode) Json.parse(new String(signed(ses("ses-open.json", PROVIDER_ID))));
        n.put("Message", ses("ses-complaint.json", PROVIDER_ID));
        assertThatThrownBy(() -> sns.sesEvents(n.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSignature.class);
        assertThat(queue.published()).isEmpty();
        assertThat(quarantine.all()).isEmpty();
    }

    @Test
    void aTopicThatIsNotAcceptedIsRefusedBeforeAnyFetch() {
        SnsIngest strict = sns(Set.of("arn:aws:sns:eu-south-1:123456789012:other"));
        assertThatThrownBy(() -> strict.sesEvents(signed(ses("ses-open.json", PROVIDER_ID))))
                .isInstanceOf(InvalidSignature.class)
                .hasMessageContaining("topic");
        assertThat(fetcher.fetched()).isEmpty();
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void aSubscriptionConfirmationIsConfirmedThroughItsSubscribeUrl() {
        String url = "https://sns.eu-south-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=x&Token=t";
        SnsDelivery d = sns(Set.of())
                .sesEvents(signer.subscriptionConfirmation(url, wall.instant()).getBytes(StandardCharsets.UTF_8));
        assertThat(d.confirmed()).isTrue();
        assertThat(d.topicArn()).isEqualTo(SnsTestSigner.TOPIC);
        assertThat(fetcher.fetched()).extracting(Object::toString).contains(url);
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void aSubscribeUrlOffSnsIsNeverCalled() {
        String url = "https://evil.example/?Action=ConfirmSubscription";
        assertThatThrownBy(() -> sns.sesEvents(
                        signer.subscriptionConfirmation(url, wall.instant()).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("SubscribeURL");
        assertThat(fetcher.fetched()).extracting(Object::toString).doesNotContain(url);
    }

    @Test
    void anUnsubscribeConfirmationIsAnsweredAndChangesNothing() throws Exception {
        ObjectNode n = (ObjectNode) Json.parse(signer.subscriptionConfirmation(
                "https://sns.eu-south-1.amazonaws.com/?Action=ConfirmSubscription", wall.instant()));
        SnsMessage m = SnsMessage.parse(n.put("Type", SnsMessage.UNSUBSCRIBE_CONFIRMATION));
        n.put("Signature", signer.sign(m, "1"));
        SnsDelivery d = sns.sesEvents(n.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(d.type()).isEqualTo(SnsMessage.UNSUBSCRIBE_CONFIRMATION);
        assertThat(d.confirmed()).isFalse();
        assertThat(d.result()).isNull();
    }

    @Test
    void aBodyThatIsNotAnSnsMessageIsAPreciseBadRequest() {
        assertThatThrownBy(() -> sns.sesEvents(new byte[0])).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> sns.sesEvents("{".getBytes())).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> sns.sesEvents("{\"Type\":\"Notification\"}".getBytes()))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("MessageId");
        assertThatThrownBy(() -> sns.sesEvents(new byte[SnsIngest.MAX_BODY_BYTES + 1]))
                .isInstanceOf(PayloadTooLarge.class);
        assertThat(quarantine.all()).isEmpty();
    }

    static String inboundSms(String from, String body) {
        return "{\"originationNumber\":\"" + from + "\",\"destinationNumber\":\"+393400000000\","
                + "\"messageKeyword\":\"KEYWORD_393400000000\",\"messageBody\":\"" + body + "\","
                + "\"inboundMessageId\":\"cae173d2-66b9-564c-8309-21f858e9fb84\","
                + "\"previousPublishedMessageId\":\"wJ0Lua-example\"}";
    }

    @Test
    void anInboundStopBecomesAnOptOutOfEveryCustomerWithThatNumberAndKeepsNoText() {
        contacts.put(new Contact("c-1", null, "+39 333 1234567", null));
        contacts.put(new Contact("c-2", null, "3331234567", null));
        contacts.put(new Contact("c-3", null, "+393339999999", null));

        SnsDelivery d = sns.smsInbound(signed(inboundSms("+393331234567", "  stop grazie")));

        assertThat(d.result().accepted()).isEqualTo(2);
        assertThat(queue.published()).extracting(CustomerEvent::customerId).containsExactly("c-1", "c-2");
        CustomerEvent e = queue.published().get(0);
        assertThat(e.type()).isEqualTo(EventTypes.SMS_RECEIVED);
        assertThat(e.data())
                .containsEntry("keyword", "STOP")
                .containsEntry("optOut", true)
                .containsEntry("inboundMessageId", "cae173d2-66b9-564c-8309-21f858e9fb84");
        assertThat(Json.write(e.data())).doesNotContain("grazie").doesNotContain("333");
    }

    @Test
    void everyOptOutWordInAnyCaseAndOtherTexts() {
        contacts.put(new Contact("c-1", null, "+393331234567", null));
        for (String text : new String[] {"ANNULLA", "Cancella.", "stop", "sToP"}) {
            sns.smsInbound(signed(inboundSms("+393331234567", text)));
            assertThat(queue.published().get(queue.published().size() - 1).data())
                    .as(text)
                    .containsEntry("optOut", true);
        }
        sns.smsInbound(signed(inboundSms("+393331234567", "Non fermatevi")));
        assertThat(queue.published().get(queue.published().size() - 1).data())
                .containsEntry("keyword", "other")
                .containsEntry("optOut", false);
    }

    @Test
    void aNumberNoCustomerHasIsIgnoredAndNothingIsKept() {
        SnsDelivery d = sns.smsInbound(signed(inboundSms("+393330000000", "STOP")));
        assertThat(d.result().ignored()).isEqualTo(1);
        assertThat(queue.published()).isEmpty();
        assertThat(quarantine.all()).isEmpty();
        assertThat(sns.smsInbound(signed("{\"messageBody\":\"STOP\"}")).result().ignored())
                .isEqualTo(1);
        assertThat(sns.smsInbound(signed("not json")).result().rejected()).isEqualTo(1);
    }
}
