package it.attimo.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.AttimoCore;
import it.attimo.core.channel.Channel;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.port.PushEndpoints;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Push platform application events on {@code POST /webhooks/sns-push}, in the shape SNS publishes them to the
 * application's event topics (fixtures under events/push-*.json): an endpoint the provider disabled becomes
 * {@code push.disabled} of the customer the endpoint names; one that stays enabled, or no longer exists, changes
 * nothing.
 */
class PushEventsTest {
    static final String ENDPOINT =
            "arn:aws:sns:eu-south-1:123456789012:endpoint/GCM/attimo-app/5e3e9847-3183-3f18-a7e8-671c3a57d4b3";

    final MutableClock wall = MutableClock.at("2026-06-10T15:05:00Z");
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final InMemoryQuarantineStore quarantine = new InMemoryQuarantineStore();
    final SnsTestSigner signer = new SnsTestSigner();
    final SnsTestSigner.RecordingFetcher fetcher = SnsTestSigner.fetcher();
    /** The provider's endpoints as the push gateway leaves them: customer id as user data, enabled or not. */
    final Map<String, PushEndpoints.Endpoint> endpoints = new HashMap<>();

    final SnsIngest sns = new SnsIngest(
            new IngestEvents(queue, quarantine, FixedSecrets.defaults(), HubSpotMapping.loadDefault(), wall),
            new SnsSignatureVerifier(fetcher, wall),
            fetcher,
            SesMapping.loadDefault(),
            new InMemoryMessageLedger(),
            new InMemoryContactStore(),
            SmsKeywords.loadDefault(),
            arn -> Optional.ofNullable(endpoints.get(arn)),
            Set.of(SnsTestSigner.TOPIC));

    byte[] signed(String fixture) {
        return signer.notification(SnsTestSigner.text("/events/" + fixture), wall.instant(), "2")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDeliveryFailureOnADisabledEndpointMakesPushUnreachableForItsCustomer() {
        endpoints.put(ENDPOINT, new PushEndpoints.Endpoint("c-7", false));

        SnsDelivery d = sns.pushEvents(signed("push-delivery-failure.json"));

        assertThat(d.result().accepted()).isEqualTo(1);
        CustomerEvent e = queue.published().get(0);
        assertThat(e.type()).isEqualTo(EventTypes.PUSH_DISABLED);
        assertThat(e.customerId()).isEqualTo("c-7");
        assertThat(e.source()).isEqualTo(SnsIngest.PUSH_SOURCE);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-06-10T15:02:11.417Z"));
        assertThat(e.data())
                .containsEntry("reason", "EndpointDisabled")
                .containsEntry("endpointEvent", "DeliveryFailure");
        assertThat(e.data().toString()).doesNotContain("endpoint/GCM");

        List<CustomerEvent> log = new ArrayList<>();
        log.add(new CustomerEvent(
                "u",
                "app",
                EventTypes.CUSTOMER_UPSERTED,
                "c-7",
                Instant.parse("2026-06-01T08:00:00Z"),
                Map.of("pushToken", "tok-1", "consent", Map.of("push", true))));
        FoldedCustomer before = AttimoCore.profileFolder().fold("c-7", log, null, wall.instant());
        assertThat(before.contact().canReach(Channel.PUSH)).isTrue();
        log.add(e);
        FoldedCustomer after = AttimoCore.profileFolder().fold("c-7", log, null, wall.instant());
        assertThat(after.contact().canReach(Channel.PUSH)).isFalse();

        // SNS retries the same notification: the same event id, so the log keeps one
        sns.pushEvents(signed("push-delivery-failure.json"));
        assertThat(queue.published().get(1).id()).isEqualTo(e.id());
    }

    @Test
    void anUpdateThatDisabledTheEndpointIsPushDisabledOneThatLeftItEnabledIsIgnored() {
        endpoints.put(ENDPOINT, new PushEndpoints.Endpoint("c-7", true));
        // Attimo's own token refresh (SetEndpointAttributes Enabled=true) comes back as EndpointUpdated too
        assertThat(sns.pushEvents(signed("push-endpoint-updated.json")).result().ignored())
                .isEqualTo(1);
        assertThat(sns.pushEvents(signed("push-delivery-failure.json")).result().ignored())
                .isEqualTo(1);
        assertThat(queue.published()).isEmpty();

        endpoints.put(ENDPOINT, new PushEndpoints.Endpoint("c-7", false));
        assertThat(sns.pushEvents(signed("push-endpoint-updated.json")).result().accepted())
                .isEqualTo(1);
        assertThat(queue.published().get(0).data()).containsEntry("reason", "EndpointUpdated");
    }

    @Test
    void aDeletedEndpointNamesNoCustomerAndIsIgnoredWithNothingKept() {
        SnsDelivery d = sns.pushEvents(signed("push-endpoint-deleted.json"));
        assertThat(d.result().ignored()).isEqualTo(1);
        assertThat(queue.published()).isEmpty();
        assertThat(quarantine.all()).isEmpty();
        // while the provider still answers for it (eventual consistency), a deletion disables push
        endpoints.put(ENDPOINT, new PushEndpoints.Endpoint("c-7", true));
        assertThat(sns.pushEvents(signed("push-endpoint-deleted.json")).result().accepted())
                .isEqualTo(1);
    }

    @Test
    void anUnusableEventIsQuarantinedAndABadSignatureIsRefused() {
        endpoints.put(ENDPOINT, new PushEndpoints.Endpoint("c-7", false));
        for (String bad : List.of(
                "not json",
                "{\"EventType\":\"EndpointDisabled\",\"EndpointArn\":\"" + ENDPOINT + "\"}",
                "{\"EventType\":\"DeliveryFailure\",\"EndpointArn\":\"arn:aws:sns:eu-south-1:1:topic\"}",
                "{\"EventType\":\"DeliveryFailure\",\"EndpointArn\":\"" + ENDPOINT + "\",\"Time\":\"ieri\"}")) {
            byte[] body = signer.notification(bad, wall.instant(), "2").getBytes(StandardCharsets.UTF_8);
            assertThat(sns.pushEvents(body).result().rejected()).as(bad).isEqualTo(1);
        }
        assertThat(quarantine.all()).hasSize(4);
        assertThat(queue.published()).isEmpty();

        String forged = new String(signed("push-delivery-failure.json"), StandardCharsets.UTF_8)
                .replace("EndpointDisabled", "EndpointDisabIed");
        assertThatThrownBy(() -> sns.pushEvents(forged.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidSignature.class);
        assertThat(queue.published()).isEmpty();
    }
}
