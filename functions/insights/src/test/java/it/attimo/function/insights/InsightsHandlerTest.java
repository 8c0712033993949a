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
        assertThat(response.getBody()).contains("\"customerId\":\"cust-milano-001\"");
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/get-profile.json");

        assertThat(new InsightsHandler(ctx).handleRequest(event, null).getStatusCode())
                .isEqualTo(404);
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
