package it.attimo.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.attimo.core.api.ApiRequest;
import it.attimo.core.api.ApiResponse;
import it.attimo.core.json.Json;
import it.attimo.core.kpi.OnboardingKpis;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ProfileQueriesKpiRouteTest {
    private static ApiRequest get(String path) {
        return new ApiRequest("GET", path, null, null, null, "http://localhost" + path, null);
    }

    @Test
    void kpisAreServedAtKpisOnboarding() throws Exception {
        ProfileQueries queries = new ProfileQueries(
                new InMemoryProfileStore(),
                new InMemoryContactStore(),
                new OnboardingKpis(
                        visitor -> {},
                        it.attimo.core.journey.JourneyCatalog.defaults(),
                        MutableClock.at("2026-06-20T00:00:00Z")));

        ApiResponse response = queries.handle(get("/kpis/onboarding"));

        assertEquals(200, response.status());
        assertEquals(
                "2026-06-20T00:00:00Z",
                Json.parse(response.body()).path("generatedAt").asText());
        assertEquals(
                0, Json.parse(response.body()).path("overall").path("customers").asInt());
    }

    @Test
    void withoutKpisTheRouteIsNotFoundAndProfilesStillWork() {
        ProfileQueries queries = new ProfileQueries(new InMemoryProfileStore(), new InMemoryContactStore());

        assertEquals(404, queries.handle(get("/kpis/onboarding")).status());
        assertEquals(404, queries.handle(get("/profiles/nobody")).status());
    }
}
