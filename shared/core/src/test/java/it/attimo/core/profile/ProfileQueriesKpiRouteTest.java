package it.attimo.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.error.NotFound;
import it.attimo.core.kpi.OnboardingKpis;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ProfileQueriesKpiRouteTest {
    @Test
    void kpisAreServedWhenConfigured() {
        ProfileQueries queries = new ProfileQueries(
                new InMemoryProfileStore(),
                new InMemoryContactStore(),
                new OnboardingKpis(
                        visitor -> {},
                        it.attimo.core.journey.JourneyCatalog.defaults(),
                        MutableClock.at("2026-06-20T00:00:00Z")));

        ObjectNode kpis = queries.onboardingKpis();

        assertEquals("2026-06-20T00:00:00Z", kpis.path("generatedAt").asText());
        assertEquals(0, kpis.path("overall").path("customers").asInt());
    }

    @Test
    void withoutKpisTheyAreNotFoundAndProfilesStillWork() {
        ProfileQueries queries = new ProfileQueries(new InMemoryProfileStore(), new InMemoryContactStore());

        assertThat(catchThrowableOfType(NotFound.class, queries::onboardingKpis))
                .hasMessage("onboarding KPIs are not configured here");
        assertThat(catchThrowableOfType(NotFound.class, () -> queries.profile("nobody")))
                .isNotNull();
    }
}
