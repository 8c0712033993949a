package it.attimo.function.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import it.attimo.core.ingest.SignatureCheck;
import it.attimo.core.port.EventQueue;
import it.attimo.core.port.QuarantineStore;
import it.attimo.core.port.SecretProvider;
import it.attimo.core.testing.FixedSecrets;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryQuarantineStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sample event (also a `sam local invoke -e` input) through the real handler and the factory's wiring. */
class IngestHandlerTest {
    /** The fixture is signed with this secret at 2026-06-10T08:00:00Z. */
    static final String FIXTURE_SECRET = "attimo-local-webhook-secret";

    final InMemoryEventQueue queue = new InMemoryEventQueue();
    ApplicationContext ctx;

    IngestHandler handlerWithWallClockAt(String instant) {
        ctx = ApplicationContext.builder()
                .properties(Map.of("attimo.table.prefix", "test"))
                .build();
        ctx.registerSingleton(EventQueue.class, queue);
        ctx.registerSingleton(QuarantineStore.class, new InMemoryQuarantineStore());
        ctx.registerSingleton(SecretProvider.class, new FixedSecrets(FIXTURE_SECRET, null));
        ctx.registerSingleton(
                Clock.class, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), Qualifiers.byName("wall"));
        ctx.start();
        return new IngestHandler(ctx);
    }

    @AfterEach
    void close() {
        if (ctx != null) ctx.close();
    }

    @Test
    void aSignedEventIsAcceptedAndQueued() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/post-events.json");

        APIGatewayV2HTTPResponse response =
                handlerWithWallClockAt("2026-06-10T08:00:30Z").handleRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(queue.published()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("evt-0001");
            assertThat(e.customerId()).isEqualTo("cust-milano-001");
            assertThat(e.type()).isEqualTo("order.delivered");
        });
    }

    /** The fixture as API Gateway would send it for another route. */
    static APIGatewayV2HTTPEvent routed(String method, String routeKeyPath, String rawPath) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/post-events.json");
        event.setRouteKey(method + " " + routeKeyPath);
        event.setRawPath(rawPath);
        event.getRequestContext().setRouteKey(method + " " + routeKeyPath);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(rawPath);
        return event;
    }

    @Test
    void theRouteKeyChoosesTheUseCaseNotThePath() {
        APIGatewayV2HTTPResponse response = handlerWithWallClockAt("2026-06-10T08:00:30Z")
                .handleRequest(routed("POST", "/webhooks/hubspot", "/events"), null);

        // the HubSpot route, whose secret is not configured here
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getBody()).contains(SignatureCheck.NOT_CONFIGURED.message());
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void anotherMethodOnAServedPathIs405AndAnUnservedRouteIs404() {
        IngestHandler handler = handlerWithWallClockAt("2026-06-10T08:00:30Z");

        APIGatewayV2HTTPResponse get = handler.handleRequest(routed("GET", "/events", "/events"), null);
        assertThat(get.getStatusCode()).isEqualTo(405);
        assertThat(get.getHeaders()).containsEntry("Allow", "POST");
        assertThat(get.getBody()).contains("\"error\":\"method_not_allowed\"");

        APIGatewayV2HTTPResponse elsewhere = handler.handleRequest(routed("POST", "/nowhere", "/nowhere"), null);
        assertThat(elsewhere.getStatusCode()).isEqualTo(404);
        assertThat(elsewhere.getBody()).contains("\"error\":\"not_found\"");
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void servesTheRoutesTemplateYamlGivesTheIngestFunction() {
        assertThat(handlerWithWallClockAt("2026-06-10T08:00:30Z").routeKeys())
                .containsExactlyInAnyOrder(
                        "POST /events",
                        "POST /webhooks/hubspot",
                        "POST /webhooks/ses",
                        "POST /webhooks/sns-sms",
                        "POST /webhooks/mailchimp/{secret}",
                        "GET /webhooks/mailchimp/{secret}",
                        "POST /webhooks/salesforce",
                        "DELETE /profiles/{customerId}",
                        "GET /q/{code}",
                        "GET /forms/{script}",
                        "POST /forms/{formId}");
    }

    @Test
    void theSameRequestTenMinutesLaterIsStaleAndStoresNothing() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/post-events.json");

        APIGatewayV2HTTPResponse response =
                handlerWithWallClockAt("2026-06-10T08:10:00Z").handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getBody()).contains("\"error\":\"unauthorized\"");
        assertThat(queue.published()).isEmpty();
    }
}
