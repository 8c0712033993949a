package it.attimo.aws.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.aws.testing.Profiles;
import it.attimo.core.customer.Profile;
import org.junit.jupiter.api.Test;

class ProfileJsonTest {
    @Test
    void aFullProfileSurvivesTheRoundTripWithIsoInstants() {
        Profile p = Profiles.full("c-1").withVersion(7);
        String json = ProfileJson.write(p);
        assertThat(json).contains("\"firstSeen\":\"2026-06-10T08:00:00Z\"").doesNotContain("activeJourneys");
        assertThat(ProfileJson.read(json)).isEqualTo(p);
    }

    @Test
    void preferencesSurviveTheRoundTripAndAnOlderDocumentHasNone() {
        Profile base = Profiles.full("c-1");
        java.time.Instant at = java.time.Instant.parse("2026-06-10T09:00:00Z");
        it.attimo.core.customer.Preferences prefs = new it.attimo.core.customer.Preferences(
                "sms",
                "sera",
                java.util.List.of("giardino"),
                java.util.Map.of("offerte", new it.attimo.core.customer.Consent(false, "preference-centre", at)),
                "preference-centre",
                at);
        Profile p = new Profile(
                base.customerId(),
                base.segment(),
                base.location(),
                base.locale(),
                base.tone(),
                base.consents(),
                base.score(),
                base.tier(),
                base.scoreBreakdown(),
                base.eventCounts(),
                base.firstSeen(),
                base.lastSeen(),
                base.journeys(),
                base.recentEvents(),
                base.outcomes(),
                base.scoredAt(),
                base.version(),
                base.churn(),
                prefs);
        assertThat(ProfileJson.read(ProfileJson.write(p)).preferences()).isEqualTo(prefs);
        assertThat(ProfileJson.read("{\"customerId\":\"c-old\"}").preferences())
                .isEqualTo(it.attimo.core.customer.Preferences.NONE);
    }

    @Test
    void unknownFieldsAreIgnoredAndMissingOnesComeBackEmpty() {
        Profile p = ProfileJson.read("{\"customerId\":\"c-2\",\"addedInAFutureRelease\":{\"x\":1}}");
        assertThat(p.customerId()).isEqualTo("c-2");
        assertThat(p.consents()).isEmpty();
        assertThat(p.journeys()).isEmpty();
        assertThat(p.version()).isZero();
    }

    @Test
    void aBrokenDocumentIsReportedWithoutQuotingIt() {
        assertThatThrownBy(() -> ProfileJson.read("{\"customerId\":\"c-3\",\"email\":\"leak@example.it\""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("leak@example.it");
    }
}
