package it.attimo.aws.http;

import static it.attimo.core.testing.ProfileQueryFixtures.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.EventTypes;
import it.attimo.core.profile.ProfileQueries;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.ProfileQueryFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfileViewJsonTest {
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final ProfileQueries queries = new ProfileQueries(profiles, contacts);

    @BeforeEach
    void customer() {
        ProfileQueryFixtures.seed(profiles, contacts);
    }

    JsonNode json(String customerId) {
        return ProfileViewJson.toJson(queries.profile(customerId));
    }

    @Test
    void theProfileAsJson() {
        JsonNode n = json(CUSTOMER);
        assertThat(n.get("customerId").asText()).isEqualTo(CUSTOMER);
        assertThat(n.get("score").isNumber()).isTrue();
        assertThat(n.get("tier").isTextual()).isTrue();
        assertThat(n.get("comune").asText()).isEqualTo("015146");
        assertThat(n.get("region").asText()).isEqualTo("Lombardia");
        assertThat(n.get("macroArea").asText()).isEqualTo("Nord-ovest");
        assertThat(n.get("segment").asText()).isEqualTo("b2b");
        assertThat(n.get("activeJourneys")).hasSize(1);
        assertThat(n.at("/activeJourneys/0/executionName").asText()).isEqualTo("post-purchase-c-1-o-1");
        assertThat(n.get("journeys")).hasSize(2);
        assertThat(n.get("recentEvents")).hasSize(2);
        assertThat(n.at("/recentEvents/0/id").asText()).isEqualTo("o-1");
        assertThat(n.at("/recentEvents/0/type").asText()).isEqualTo(EventTypes.ORDER_DELIVERED);
        assertThat(n.at("/reachable/email").asBoolean()).isTrue();
        assertThat(n.at("/reachable/sms").asBoolean()).isTrue();
        assertThat(n.at("/reachable/push").asBoolean()).isFalse();
        assertThat(n.at("/consents/email/granted").asBoolean()).isTrue();
    }

    @Test
    void noEmailOrPhoneAnywhereInTheJson() {
        assertThat(json(CUSTOMER).toString())
                .doesNotContain("anna")
                .doesNotContain("@")
                .doesNotContain("3331234567");
    }

    @Test
    void aProfileWithoutContactOrLocationStillRenders() {
        profiles.put(Profile.empty("bare"));
        JsonNode n = json("bare");
        assertThat(n.get("comune").isNull()).isTrue();
        assertThat(n.get("region").isNull()).isTrue();
        assertThat(n.at("/reachable/email").asBoolean()).isFalse();
        assertThat(n.get("activeJourneys")).isEmpty();
        // churn is always there: low until the rule says otherwise
        assertThat(n.at("/churn/segment").asText()).isEqualTo("low");
        assertThat(n.at("/churn/probability").asDouble()).isEqualTo(0.1);
        assertThat(n.at("/churn/reasons")).isEmpty();
    }
}
