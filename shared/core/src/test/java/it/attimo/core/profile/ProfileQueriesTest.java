package it.attimo.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.AttimoCore;
import it.attimo.core.api.ApiRequest;
import it.attimo.core.api.ApiResponse;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryProfileStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProfileQueriesTest {
    static final String C = "c-1";
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final ProfileQueries queries = new ProfileQueries(profiles, contacts);

    @BeforeEach
    void customer() {
        List<CustomerEvent> log = List.of(
                Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                        .id("u-1")
                        .at("2026-06-01T08:00:00Z")
                        .data("segment", "b2b")
                        .data("comune", "015146")
                        .data("email", "anna.rossi@example.it")
                        .data("phone", "+393331234567")
                        .data("consent", Map.of("email", true))
                        .build(),
                Events.event(EventTypes.ORDER_DELIVERED, C)
                        .id("o-1")
                        .at("2026-06-10T09:00:00Z")
                        .build());
        FoldedCustomer f = AttimoCore.profileFolder().fold(C, log, null, Instant.parse("2026-06-10T12:00:00Z"));
        Profile p = f.profile()
                .withJourneys(List.of(
                        new JourneyRun(
                                "post-purchase",
                                "post-purchase-c-1-o-1",
                                Instant.parse("2026-06-10T09:00:00Z"),
                                JourneyRun.RUNNING,
                                null),
                        new JourneyRun(
                                "onboarding-72h",
                                "onboarding-72h-c-1-r-1",
                                Instant.parse("2026-06-01T09:00:00Z"),
                                "SUCCEEDED",
                                Instant.parse("2026-06-04T09:00:00Z"))));
        profiles.put(p);
        contacts.put(f.contact());
    }

    ApiResponse get(String path, Map<String, String> pathParameters) {
        return queries.handle(new ApiRequest("GET", path, null, Map.of(), null, null, pathParameters));
    }

    @Test
    void theProfileAsJson() throws Exception {
        ApiResponse r = get("/profiles/" + C, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("Content-Type", "application/json");
        JsonNode n = Json.parse(r.body());
        assertThat(n.get("customerId").asText()).isEqualTo(C);
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
        String body = get("/profiles/" + C, null).body();
        assertThat(body).doesNotContain("anna").doesNotContain("@").doesNotContain("3331234567");
    }

    @Test
    void unknownCustomerIs404Json() throws Exception {
        ApiResponse r = get("/profiles/nobody", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(Json.parse(r.body()).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void theIdComesFromThePathParameterOrThePath() throws Exception {
        assertThat(get("/anything", Map.of("customerId", C)).status()).isEqualTo(200);
        assertThat(get("/prod/profiles/" + C + "/", null).status()).isEqualTo(200);
        profiles.put(Profile.empty("hs-1:2"));
        assertThat(Json.parse(get("/profiles/hs-1%3A2", null).body())
                        .get("customerId")
                        .asText())
                .isEqualTo("hs-1:2");
        assertThat(get("/elsewhere", null).status()).isEqualTo(404);
    }

    @Test
    void aBadlyEscapedIdIsNotFoundNotACrash() throws Exception {
        ApiResponse r = get("/profiles/abc%zz", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(Json.parse(r.body()).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void onlyGet() {
        assertThat(queries.handle(new ApiRequest("DELETE", "/profiles/" + C, null, Map.of(), null, null, null))
                        .status())
                .isEqualTo(405);
    }

    @Test
    void aProfileWithoutContactOrLocationStillRenders() throws Exception {
        profiles.put(Profile.empty("bare"));
        JsonNode n = Json.parse(get("/profiles/bare", null).body());
        assertThat(n.get("comune").isNull()).isTrue();
        assertThat(n.get("region").isNull()).isTrue();
        assertThat(n.at("/reachable/email").asBoolean()).isFalse();
        assertThat(n.get("activeJourneys")).isEmpty();
    }
}
