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
