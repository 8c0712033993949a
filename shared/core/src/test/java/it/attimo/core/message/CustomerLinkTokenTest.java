package it.attimo.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CustomerLinkTokenTest {
    static final String SECRET = "a-webhook-secret-for-tests";
    final Instant now = Instant.parse("2026-12-04T10:00:00Z");
    final CustomerLinkToken tokens = new CustomerLinkToken(SECRET, Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void aSignedTokenVerifiesToItsCustomerAndShowsNoIdInClear() {
        String token = tokens.sign("cust-4711", "unsubscribe", Duration.ofDays(90));
        assertThat(tokens.verify(token, "unsubscribe")).isEqualTo("cust-4711");
        assertThat(token).doesNotContain("cust").doesNotContain("4711").matches("v1\\.[A-Za-z0-9_-]+");
        assertThat(new String(
                        Base64.getUrlDecoder().decode(token.substring(3)),
                        java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("cust-4711")
                .doesNotContain("unsubscribe");
        assertThat(tokens.sign("cust-4711", "unsubscribe", Duration.ofDays(90)))
                .as("the same reference signs to the same token")
                .isEqualTo(token);
        assertThat(tokens.sign("cust-4712", "unsubscribe", Duration.ofDays(90))).isNotEqualTo(token);
    }

    @Test
    void aTokenOfAnotherSecretIsForged() {
        String foreign = new CustomerLinkToken("another-secret-entirely", Clock.fixed(now, ZoneOffset.UTC))
                .sign("cust-1", "unsubscribe", Duration.ofDays(1));
        assertRejected(foreign, "unsubscribe", CustomerLinkToken.Rejected.Reason.FORGED);
    }

    @Test
    void anyAlteredByteIsRefused() {
        String token = tokens.sign("cust-1", "unsubscribe", Duration.ofDays(1));
        byte[] raw = Base64.getUrlDecoder().decode(token.substring(3));
        for (int i = 0; i < raw.length; i++) {
            byte[] copy = raw.clone();
            copy[i] ^= 0x01;
            String tampered = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(copy);
            assertRejected(tampered, "unsubscribe", CustomerLinkToken.Rejected.Reason.FORGED);
        }
    }

    @Test
    void anExpiredTokenIsRefusedAtItsExpiryAndAfter() {
        String token = tokens.sign("cust-1", "unsubscribe", Duration.ofHours(1));
        CustomerLinkToken justBefore =
                new CustomerLinkToken(SECRET, Clock.fixed(now.plus(Duration.ofMinutes(59)), ZoneOffset.UTC));
        assertThat(justBefore.verify(token, "unsubscribe")).isEqualTo("cust-1");
        CustomerLinkToken atExpiry =
                new CustomerLinkToken(SECRET, Clock.fixed(now.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        assertThatThrownBy(() -> atExpiry.verify(token, "unsubscribe"))
                .isInstanceOf(CustomerLinkToken.Rejected.class)
                .hasMessage("link token refused: expired")
                .satisfies(e -> assertThat(((CustomerLinkToken.Rejected) e).reason())
                        .isEqualTo(CustomerLinkToken.Rejected.Reason.EXPIRED));
    }

    @Test
    void aTokenServesOnlyItsPurpose() {
        String token = tokens.sign("cust-1", "preferences", Duration.ofDays(1));
        assertRejected(token, "unsubscribe", CustomerLinkToken.Rejected.Reason.WRONG_PURPOSE);
        assertThat(tokens.verify(token, "preferences")).isEqualTo("cust-1");
    }

    @Test
    void malformedTokensAreRefusedWithoutAnException() {
        for (String bad : new String[] {null, "", "v1.", "v2.abc", "v1.!!!", "v1.AAAA", "cust-1"}) {
            assertRejected(bad, "unsubscribe", CustomerLinkToken.Rejected.Reason.MALFORMED);
        }
    }

    @Test
    void weakSecretsAndMissingIdsAreRefused() {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        assertThatThrownBy(() -> new CustomerLinkToken("  ", clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomerLinkToken(null, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.sign(" ", "unsubscribe", Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customerId");
        assertThatThrownBy(() -> tokens.sign("c-1", null, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("purpose");
        assertThatThrownBy(() -> tokens.sign("c\n1", "unsubscribe", Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRejected(String token, String purpose, CustomerLinkToken.Rejected.Reason reason) {
        assertThatThrownBy(() -> tokens.verify(token, purpose))
                .as(String.valueOf(token))
                .isInstanceOfSatisfying(
                        CustomerLinkToken.Rejected.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
