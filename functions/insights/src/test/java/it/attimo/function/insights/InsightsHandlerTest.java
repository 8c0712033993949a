package it.attimo.function.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.micronaut.context.ApplicationContext;
import it.attimo.core.customer.Profile;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.TemporalModelStore;
import it.attimo.core.testing.EngagementHistories;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryCustomerScan;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryTemporalModelStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InsightsHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-23T02:30:00Z");
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryProfileStore scanned = new InMemoryProfileStore();
    final InMemoryEventLog log = new InMemoryEventLog();
    final InMemoryTemporalModelStore models = new InMemoryTemporalModelStore();
    ApplicationContext ctx;

    @BeforeEach
    void start() {
        ctx = ApplicationContext.builder()
                .properties(Map.of("attimo.table.prefix", "test"))
                .build();
        ctx.registerSingleton(ProfileStore.class, profiles);
        ctx.registerSingleton(ContactStore.class, new InMemoryContactStore());
        EngagementHistories.seedPopulation(scanned, log, 20, NOW);
        ctx.registerSingleton(CustomerScan.class, new InMemoryCustomerScan(scanned, log));
        ctx.registerSingleton(TemporalModelStore.class, models);
        ctx.registerSingleton(Clock.class, Clock.fixed(NOW, ZoneOffset.UTC));
        ctx.start();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void returnsTheProfileNamedInThePath() {
        profiles.put(Profile.empty("cust-milano-001").withVersion(3));
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/get-profile.json");

        APIGatewayV2HTTPResponse response = new InsightsHandler(ctx).handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(response.getBody()).contains("\"customerId\":\"cust-milano-001\"");
    }

    /** The fixture as API Gateway would send it for another route or path. */
    static APIGatewayV2HTTPEvent routed(String method, String routeKeyPath, String rawPath, String customerId) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/get-profile.json");
        event.setRouteKey(method + " " + routeKeyPath);
        event.setRawPath(rawPath);
        event.setPathParameters(customerId == null ? null : Map.of("customerId", customerId));
        event.getRequestContext().setRouteKey(method + " " + routeKeyPath);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(rawPath);
        return event;
    }

    @Test
    void theIdIsThePathParameterWhateverTheRawPath() {
        profiles.put(Profile.empty("c-1"));
        profiles.put(Profile.empty("hs-1:2"));
        InsightsHandler handler = new InsightsHandler(ctx);

        APIGatewayV2HTTPEvent staged = routed("GET", "/profiles/{customerId}", "/prod/profiles/c-1/", "c-1");
        staged.getRequestContext().setStage("prod");
        assertThat(handler.handleRequest(staged, null).getStatusCode()).isEqualTo(200);
        assertThat(handler.handleRequest(routed("GET", "/profiles/{customerId}", "/profiles/hs-1%3A2", "hs-1:2"), null)
                        .getBody())
                .contains("\"customerId\":\"hs-1:2\"");
        assertThat(handler.handleRequest(routed("GET", "/profiles/{customerId}", "/profiles/", null), null)
                        .getStatusCode())
                .isEqualTo(404);
    }

    @Test
    void theOnboardingKpis() {
        APIGatewayV2HTTPResponse response = new InsightsHandler(ctx)
                .handleRequest(routed("GET", "/kpis/onboarding", "/kpis/onboarding", null), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"generatedAt\":\"" + NOW + "\"");
    }

    @Test
    void onlyGetAndOnlyTheseRoutes() {
        InsightsHandler handler = new InsightsHandler(ctx);

        APIGatewayV2HTTPResponse delete =
                handler.handleRequest(routed("DELETE", "/profiles/{customerId}", "/profiles/c-1", "c-1"), null);
        assertThat(delete.getStatusCode()).isEqualTo(405);
        assertThat(delete.getHeaders()).containsEntry("Allow", "GET");
        APIGatewayV2HTTPResponse elsewhere =
                handler.handleRequest(routed("GET", "/elsewhere", "/elsewhere", null), null);
        assertThat(elsewhere.getStatusCode()).isEqualTo(404);
        assertThat(elsewhere.getBody()).contains("\"error\":\"not_found\"");
        assertThat(handler.routeKeys())
                .containsExactlyInAnyOrder("GET /profiles/{customerId}", "GET /kpis/onboarding", "GET /touchpoints");
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/get-profile.json");

        APIGatewayV2HTTPResponse response = new InsightsHandler(ctx).handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"error\":\"not_found\"");
    }

    @Test
    void theDailyRefreshFitsTheTemporalModelFromEveryCustomersHistoryAndStoresIt() {
        Map<String, Object> result = new RefreshHandler(ctx).handleRequest(Map.of("job", "daily-refresh"), null);

        assertThat(result)
                .containsEntry("job", "daily-refresh")
                .containsEntry("status", "refreshed")
                .containsEntry("customers", 40)
                .containsEntry("events", 20L * 16 + 20L * 28)
                .containsEntry("fittedAt", NOW.toString());
        assertThat(result.get("clusterNames"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains("martedì mattina", "tutti i giorni sera");
        assertThat(models.latest())
                .hasValueSatisfying(m -> assertThat(m.customers()).isEqualTo(40));
    }

    @Test
    void anUnknownJobIsRefused() {
        assertThatThrownBy(() -> new RefreshHandler(ctx).handleRequest(Map.of("job", "weekly"), null))
                .hasMessageContaining("unknown job 'weekly'");
        assertThat(models.saves()).isZero();
    }
}
