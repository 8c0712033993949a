package it.attimo.core.journey;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.Profile;
import it.attimo.core.timing.MessageKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegalBasisTest {
    static Profile profile(Map<String, Consent> consents, Map<String, Integer> counts) {
        Profile p = Profile.empty("c-1");
        return new Profile(
                "c-1",
                null,
                null,
                null,
                null,
                consents,
                0,
                null,
                List.of(),
                counts,
                null,
                null,
                List.of(),
                List.of(),
                Map.of(),
                null,
                p.version());
    }

    static final Instant AT = Instant.parse("2026-06-01T08:00:00Z");

    @Test
    void grantedConsentIsTheBasisAndAWithdrawalLeavesNone() {
        Profile granted = profile(Map.of("sms", new Consent(true, "form", AT)), Map.of());
        assertThat(LegalBasis.of(granted, Channel.SMS, MessageKind.MARKETING)).contains("consent");
        Profile withdrawn =
                profile(Map.of("email", new Consent(false, "ses-complaint", AT)), Map.of("order.placed", 2));
        assertThat(LegalBasis.of(withdrawn, Channel.EMAIL, MessageKind.MARKETING))
                .isEmpty();
        assertThat(LegalBasis.of(withdrawn, Channel.EMAIL, MessageKind.SERVICE)).isEmpty();
    }

    @Test
    void theMarketingTopicDecidesForPromotionalMessagesOnly() {
        Consent granted = new Consent(true, "form", AT);
        Consent withdrawn = new Consent(false, "one-click-unsubscribe", AT);
        Profile unsubscribed =
                profile(Map.of("email", granted, "email:marketing", withdrawn), Map.of("order.placed", 1));
        assertThat(LegalBasis.of(unsubscribed, Channel.EMAIL, MessageKind.MARKETING))
                .isEmpty();
        assertThat(LegalBasis.of(unsubscribed, Channel.EMAIL, MessageKind.SURVEY))
                .isEmpty();
        assertThat(LegalBasis.of(unsubscribed, Channel.EMAIL, MessageKind.SERVICE))
                .contains("consent");
        assertThat(LegalBasis.of(unsubscribed, Channel.SMS, MessageKind.SERVICE))
                .contains("contract");
        Profile optedIn = profile(Map.of("email:marketing", granted), Map.of());
        assertThat(LegalBasis.of(optedIn, Channel.EMAIL, MessageKind.SURVEY)).contains("consent");
        assertThat(LegalBasis.of(optedIn, Channel.EMAIL, MessageKind.TRANSACTIONAL))
                .contains("contract");
        Profile channelWithdrawn = profile(Map.of("email", withdrawn, "email:marketing", granted), Map.of());
        assertThat(LegalBasis.of(channelWithdrawn, Channel.EMAIL, MessageKind.MARKETING))
                .isEmpty();
    }

    @Test
    void softSpamOnlyForMarketingEmailToAnExistingCustomer() {
        Profile buyer = profile(Map.of(), Map.of("order.delivered", 1));
        assertThat(LegalBasis.of(buyer, Channel.EMAIL, MessageKind.MARKETING)).contains("soft-spam");
        assertThat(LegalBasis.of(buyer, Channel.SMS, MessageKind.MARKETING)).isEmpty();
        assertThat(LegalBasis.of(buyer, Channel.PUSH, MessageKind.MARKETING)).isEmpty();
        assertThat(LegalBasis.of(buyer, Channel.EMAIL, MessageKind.SURVEY)).isEmpty();
        Profile stranger = profile(Map.of(), Map.of("portal.accessed", 3));
        assertThat(LegalBasis.of(stranger, Channel.EMAIL, MessageKind.MARKETING))
                .isEmpty();
    }

    @Test
    void serviceMessagesRestOnTheContract() {
        Profile anyone = profile(Map.of(), Map.of());
        assertThat(LegalBasis.of(anyone, Channel.EMAIL, MessageKind.SERVICE)).contains("contract");
        assertThat(LegalBasis.of(anyone, Channel.SMS, MessageKind.TRANSACTIONAL))
                .contains("contract");
    }
}
