package it.attimo.function.insights;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.micronaut.context.ApplicationContext;
import it.attimo.core.customer.Profile;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryProfileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InsightsHandlerTest {
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    ApplicationContext ctx;

    @BeforeEach
    void start() {
        ctx = ApplicationContext.builder().properties(Map.of("attimo.table.prefix", "test")).build();
        ctx.registerSingleton(ProfileStore.class, profiles);
        ctx.registerSingleton(ContactStore.class, new InMemoryContactStore());
        ctx.registerSingleton(CustomerScan.class, (CustomerScan) visitor -> {});
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

        assertThat(new InsightsHandler(ctx).handleRequest(event, null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void theDailyRefreshSaysHonestlyThatItDidNothingYet() {
        Map<String, Object> result = new RefreshHandler(ctx).handleRequest(Map.of("job", "daily-refresh"), null);
        assertThat(result).containsEntry("job", "daily-refresh").containsEntry("status", "skipped");
    }
}
