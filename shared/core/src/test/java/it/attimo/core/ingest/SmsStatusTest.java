package it.attimo.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.AttimoCore;
import it.attimo.core.channel.Channel;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.json.Json;
import it.attimo.core.profile.FoldedCustomer;
import it.attimo.core.testing.FixedSecrets;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.SnsTestSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SMS delivery statuses on {@code POST /webhooks/sns-sms}, in the shapes AWS documents (End User Messaging SMS events
 * and SNS SMS delivery status logs): attributed to the message by the provider id, numbers never kept.
 */
class SmsStatusTest {
    static final String SNS_ID = "a1b2c3d4-sns-sms-message-id";

    final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final InMemoryQuarantineStore quarantine = new InMemoryQuarantineStore();
    final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    final SnsTestSigner signer = new SnsTestSigner();
    final SnsTestSigner.RecordingFetcher fetcher = SnsTestSigner.fetcher();
    final SnsIngest sns = new SnsIngest(
            new IngestEvents(queue, quarantine, FixedSecrets.defaults(), HubSpotMapping.loadDefault(), wall),
            new SnsSignatureVerifier(fetcher, wall),
            fetcher,
            SesMapping.loadDefault(),
            ledger,
            new InMemoryContactStore(),
            SmsKeywords.loadDefault(),
            it.attimo.core.port.PushEndpoints.NONE,
            Set.of(SnsTestSigner.TOPIC));

    @BeforeEach
    void aWelcomeSmsWasSent() {
        ledger.update(new MessageRecord(
                "c-1",
                "post-purchase-c-1-e1#welcome",
                "post-purchase",
                "post-purchase-c-1-e1",
                "welcome",
                Channel.SMS,
                "service",
                Instant.parse("2026-06-10T08:00:00Z"),
                MessageRecord.SENT,
                null,
                SNS_ID,
                Instant.parse("2026-06-10T08:00:01Z")));
    }

    byte[] signed(String message) {
        return signer.notification(message, wall.instant(), "2").getBytes(StandardCharsets.UTF_8);
    }

    /** An End User Messaging SMS event as AWS documents it (values changed). */
    static String endUserMessaging(String eventType, String messageId) {
        return "{\"eventType\":\"" + eventType + "\",\"eventVersion\":\"1.0\",\"eventTimestamp\":1781078405000,"
                + "\"isFinal\":true,\"originationPhoneNumber\":\"+393400000001\","
                + "\"destinationPhoneNumber\":\"+393331234567\",\"isoCountryCode\":\"IT\",\"mcc\":\"222\","
                + "\"mnc\":\"10\",\"messageId\":\"" + messageId + "\",\"messageRequestTimestamp\":1781078400000,"
                + "\"messageEncoding\":\"GSM\",\"messageType\":\"TRANSACTIONAL\",\"messageStatus\":\"DELIVERED\","
                + "\"messageStatusDescription\":\"Message has been accepted by phone\",\"totalMessageParts\":1,"
                + "\"totalMessagePrice\":0.0725,\"totalCarrierFee\":0.0}";
    }

    /** An SNS SMS delivery status log as AWS documents it (values changed). */
    static String snsLog(String status, String messageId) {
        return "{\"notification\":{\"messageId\":\"" + messageId + "\",\"timestamp\":\"2026-06-10 08:00:05.120\"},"
                + "\"delivery\":{\"mnc\":10,\"numberOfMessageParts\":1,\"destination\":\"+393331234567\","
                + "\"priceInUSD\":0.0725,\"smsType\":\"Transactional\",\"mcc\":222,\"providerResponse\":"
                + "\"Message has been accepted by phone carrier\",\"dwellTimeMs\":599,"
                + "\"dwellTimeMsUntilDeviceAck\":1344},\"status\":\"" + status + "\"}";
    }

    @Test
    void aDeliveredEventBecomesSmsDeliveredOfTheMessageWithoutNumbers() {
        SnsDelivery d = sns.smsInbound(signed(endUserMessaging("TEXT_DELIVERED", SNS_ID)));
        assertThat(d.result().accepted()).isEqualTo(1);
        CustomerEvent e = queue.published().get(0);
        assertThat(e.type()).isEqualTo(EventTypes.SMS_DELIVERED);
        assertThat(e.customerId()).isEqualTo("c-1");
        assertThat(e.source()).isEqualTo("aws:sms");
        assertThat(e.time()).isEqualTo(Instant.ofEpochMilli(1781078405000L));
        assertThat(e.data())
                .containsEntry("messageId", "post-purchase-c-1-e1#welcome")
                .containsEntry("journey", "post-purchase")
                .containsEntry("step", "welcome")
                .containsEntry("providerMessageId", SNS_ID)
                .containsEntry("status", "TEXT_DELIVERED");
        assertThat(Json.write(e.data())).doesNotContain("333").doesNotContain("340");
        // a retry of the same status is the same event
        sns.smsInbound(signed(endUserMessaging("TEXT_DELIVERED", SNS_ID)));
        assertThat(queue.published().get(1).id()).isEqualTo(e.id());
    }

    @Test
    void theConfigurationSetsEventDestinationPayloadAsAwsDocumentsItIsMapped() {
        // events/sms-text-delivered.json: the End User Messaging SMS event shape AWS documents (with its optional
        // isInternationalSend and context), as the SmsEventsConfigurationSet of template.yaml publishes it to SNS
        String payload = SnsTestSigner.text("/events/sms-text-delivered.json").replace("MSGID", SNS_ID);
        SnsDelivery d = sns.smsInbound(signed(payload));
        assertThat(d.isNotification()).isTrue();
        assertThat(d.result().accepted()).isEqualTo(1);
        CustomerEvent e = queue.published().get(0);
        assertThat(e.type()).isEqualTo(EventTypes.SMS_DELIVERED);
        assertThat(e.customerId()).isEqualTo("c-1");
        assertThat(e.time()).isEqualTo(Instant.ofEpochMilli(1781078405310L));
        assertThat(e.data())
                .containsEntry("messageId", "post-purchase-c-1-e1#welcome")
                .containsEntry("providerResponse", "Message has been accepted by phone");
        assertThat(Json.write(e.data())).doesNotContain("+39");
        // the same payload signed wrongly is refused before anything is queued
        byte[] forged = signed(payload.replace("TEXT_DELIVERED", "TEXT_DELIVERED "));
        String tampered = new String(forged, StandardCharsets.UTF_8).replace("TEXT_DELIVERED ", "TEXT_INVALID");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> sns.smsInbound(tampered.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(it.attimo.core.error.InvalidSignature.class);
        assertThat(queue.published()).hasSize(1);
    }

    @Test
    void failuresBecomeSmsFailedAndAnInvalidNumberIsPermanent() {
        sns.smsInbound(signed(endUserMessaging("TEXT_CARRIER_UNREACHABLE", SNS_ID)));
        sns.smsInbound(signed(endUserMessaging("TEXT_INVALID", SNS_ID)));
        assertThat(queue.published()).extracting(CustomerEvent::type).containsOnly(EventTypes.SMS_FAILED);
        assertThat(queue.published().get(0).data()).containsEntry("permanent", false);
        assertThat(queue.published().get(1).data()).containsEntry("permanent", true);

        List<CustomerEvent> log = new ArrayList<>();
        log.add(new CustomerEvent(
                "u",
                "shop",
                EventTypes.CUSTOMER_UPSERTED,
                "c-1",
                Instant.parse("2026-06-01T08:00:00Z"),
                Map.of("phone", "+393331234567", "consent", Map.of("sms", true))));
        log.add(queue.published().get(0));
        FoldedCustomer transient_ = AttimoCore.profileFolder().fold("c-1", log, null, wall.instant());
        assertThat(transient_.contact().canReach(Channel.SMS)).isTrue();
        log.add(queue.published().get(1));
        FoldedCustomer permanent = AttimoCore.profileFolder().fold("c-1", log, null, wall.instant());
        assertThat(permanent.contact().canReach(Channel.SMS)).isFalse();
    }

    @Test
    void statusesThatAreNotFinalAreIgnored() {
        for (String t : List.of("TEXT_PENDING", "TEXT_QUEUED", "TEXT_SUCCESSFUL")) {
            assertThat(sns.smsInbound(signed(endUserMessaging(t, SNS_ID)))
                            .result()
                            .ignored())
                    .as(t)
                    .isEqualTo(1);
        }
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void snsDeliveryLogsMapSuccessAndFailure() {
        sns.smsInbound(signed(snsLog("SUCCESS", SNS_ID)));
        sns.smsInbound(signed(snsLog("FAILURE", SNS_ID)));
        assertThat(queue.published())
                .extracting(CustomerEvent::type)
                .containsExactly(EventTypes.SMS_DELIVERED, EventTypes.SMS_FAILED);
        CustomerEvent delivered = queue.published().get(0);
        assertThat(delivered.time()).isEqualTo(Instant.parse("2026-06-10T08:00:05.120Z"));
        assertThat(delivered.data())
                .containsEntry("providerResponse", "Message has been accepted by phone carrier")
                .containsEntry("messageId", "post-purchase-c-1-e1#welcome");
        assertThat(Json.write(delivered.data())).doesNotContain("+39");
    }

    @Test
    void aStatusOfAMessageAttimoDidNotSendOrAnUnusableOneIsQuarantinedWithoutNumbers() {
        assertThat(sns.smsInbound(signed(endUserMessaging("TEXT_DELIVERED", "someone-elses")))
                        .result()
                        .rejected())
                .isEqualTo(1);
        assertThat(sns.smsInbound(signed(snsLog("MAYBE", SNS_ID))).result().rejected())
                .isEqualTo(1);
        assertThat(sns.smsInbound(signed("{\"eventType\":\"TEXT_DELIVERED\",\"messageId\":\"x\"}"))
                        .result()
                        .rejected())
                .isEqualTo(1);
        assertThat(sns.smsInbound(signed("{\"notification\":{\"messageId\":\"x\",\"timestamp\":\"ieri\"},"
                                + "\"status\":\"SUCCESS\"}"))
                        .result()
                        .rejected())
                .isEqualTo(1);
        assertThat(queue.published()).isEmpty();
        assertThat(quarantine.all())
                .hasSize(4)
                .allSatisfy(q -> assertThat(String.valueOf(q.rawJson()))
                        .doesNotContain("+393331234567")
                        .doesNotContain("+393400000001"));
    }
}
