package it.attimo.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.message.CustomerLinkToken.Rejected.Reason;
import it.attimo.core.testing.InMemoryEventQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OneClickUnsubscribeTest {
    static final String SECRET = "a-long-random-webhook-secret-for-tests-only";
    final Instant now = Instant.parse("2026-06-10T09:30:00Z");
    final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    final CustomerLinkToken tokens = new CustomerLinkToken(SECRET, clock);
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final OneClickUnsubscribe unsubscribe = new OneClickUnsubscribe(queue, () -> tokens, clock);

    @Test
    void aValidLinkQueuesTheWithdrawalOfEmailMarketingForItsCustomer() {
        String token = tokens.sign("c-42", "unsubscribe", Duration.ofDays(90));
        OneClickUnsubscribe.Unsubscribed done = unsubscribe.unsubscribe(token);
        assertThat(done.customerId()).isEqualTo("c-42");
        assertThat(done.at()).isEqualTo(now);
        assertThat(queue.published()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(done.eventId()).startsWith("unsubscribe-");
            assertThat(e.type()).isEqualTo(EventTypes.CONSENT_CHANGED);
            assertThat(e.customerId()).isEqualTo("c-42");
            assertThat(e.time()).isEqualTo(now);
            assertThat(e.source()).isEqualTo(OneClickUnsubscribe.EVENT_SOURCE);
            assertThat(e.data())
                    .isEqualTo(Map.of(
                            "channel",
                            "email",
                            "topic",
                            "marketing",
                            "granted",
                            false,
                            "source",
                            "one-click-unsubscribe"));
        });
    }

    @Test
    void aRepeatedClickQueuesTheSameEventIdSoTheDuplicateIsDropped() {
        String token = tokens.sign("c-42", "unsubscribe", Duration.ofDays(90));
        unsubscribe.unsubscribe(token);
        unsubscribe.unsubscribe(token);
        assertThat(queue.published())
                .extracting(CustomerEvent::id)
                .hasSize(2)
                .containsOnly(queue.published().get(0).id());
        String other = tokens.sign("c-43", "unsubscribe", Duration.ofDays(90));
        assertThat(unsubscribe.unsubscribe(other).eventId())
                .isNotEqualTo(queue.published().get(0).id());
    }

    @Test
    void checkingALinkChangesNothing() {
        unsubscribe.check(tokens.sign("c-42", "unsubscribe", Duration.ofDays(90)));
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void aForgedExpiredMalformedOrForeignLinkIsRefusedAndQueuesNothing() {
        String forged = new CustomerLinkToken("another-secret-entirely-for-tests", clock)
                .sign("c-42", "unsubscribe", Duration.ofDays(1));
        String expired = tokens.sign("c-42", "unsubscribe", now.minusSeconds(1));
        String preferences = tokens.sign("c-42", "preferences", Duration.ofDays(1));
        assertRefused(forged, Reason.FORGED);
        assertRefused(expired, Reason.EXPIRED);
        assertRefused("not-a-token", Reason.MALFORMED);
        assertRefused(preferences, Reason.WRONG_PURPOSE);
        assertThatThrownBy(() -> unsubscribe.check(expired)).isInstanceOf(CustomerLinkToken.Rejected.class);
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void withoutASecretEveryLinkIsRefused() {
        OneClickUnsubscribe noSecret = new OneClickUnsubscribe(queue, () -> null, clock);
        String token = tokens.sign("c-42", "unsubscribe", Duration.ofDays(90));
        assertThatThrownBy(() -> noSecret.unsubscribe(token))
                .isInstanceOfSatisfying(
                        CustomerLinkToken.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(Reason.FORGED));
        assertThatThrownBy(() -> new OneClickUnsubscribe(queue, null, clock).check(token))
                .isInstanceOf(CustomerLinkToken.Rejected.class);
        assertThat(queue.published()).isEmpty();
    }

    private void assertRefused(String token, Reason reason) {
        assertThatThrownBy(() -> unsubscribe.unsubscribe(token))
                .isInstanceOfSatisfying(CustomerLinkToken.Rejected.class, r -> {
                    assertThat(r.reason()).isEqualTo(reason);
                    assertThat(r.getMessage()).doesNotContain("c-42");
                });
    }
}
