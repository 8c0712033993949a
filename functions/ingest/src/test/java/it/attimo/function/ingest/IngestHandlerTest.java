package it.attimo.function.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import it.attimo.core.ingest.SignatureCheck;
import it.attimo.core.message.CustomerLinkToken;
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

    /** With the factory's clocks: the business clock (the system's here) verifies and stamps unsubscribe links. */
    IngestHandler handlerWithTheFactoryClocks() {
        ctx = ApplicationContext.builder()
                .properties(Map.of("attimo.table.prefix", "test"))
                .build();
        ctx.registerSingleton(EventQueue.class, queue);
        ctx.registerSingleton(QuarantineStore.class, new InMemoryQuarantineStore());
        ctx.registerSingleton(SecretProvider.class, new FixedSecrets(FIXTURE_SECRET, null));
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
                        "POST /webhooks/sns-push",
                        "POST /webhooks/mailchimp/{secret}",
                        "GET /webhooks/mailchimp/{secret}",
                        "POST /webhooks/salesforce",
                        "DELETE /profiles/{customerId}",
                        "GET /unsubscribe/{token}",
                        "POST /unsubscribe/{token}",
                        "GET /preferences/{token}",
                        "POST /preferences/{token}",
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

    static APIGatewayV2HTTPEvent unsubscribe(String method, String token, String contentType, String body) {
        APIGatewayV2HTTPEvent event = routed(method, "/unsubscribe/{token}", "/unsubscribe/" + token);
        event.setPathParameters(Map.of("token", token));
        event.setHeaders(contentType == null ? Map.of() : Map.of("content-type", contentType));
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return event;
    }

    @Test
    void oneClickUnsubscribeQueuesTheWithdrawalAndTheConfirmationPageChangesNothing() {
        IngestHandler handler = handlerWithTheFactoryClocks();
        String token = new CustomerLinkToken(FIXTURE_SECRET, Clock.systemUTC())
                .sign("cust-milano-001", "unsubscribe", java.time.Duration.ofDays(90));

        APIGatewayV2HTTPResponse page = handler.handleRequest(unsubscribe("GET", token, null, null), null);
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8");
        assertThat(page.getBody())
                .contains("lang=\"it\"", "name=\"viewport\"", "method=\"post\"")
                .contains("name=\"List-Unsubscribe\" value=\"One-Click\"")
                .doesNotContain("cust-milano-001");
        assertThat(queue.published()).isEmpty();

        APIGatewayV2HTTPResponse done = handler.handleRequest(
                unsubscribe("POST", token, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"), null);
        assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(200);
        assertThat(done.getHeaders()).doesNotContainKeys("Location", "Set-Cookie");
        String boundary = "----attimo";
        APIGatewayV2HTTPResponse multipart = handler.handleRequest(
                unsubscribe(
                        "POST",
                        token,
                        "multipart/form-data; boundary=" + boundary,
                        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                                + "One-Click\r\n--" + boundary + "--\r\n"),
                null);
        assertThat(multipart.getStatusCode()).as(multipart.getBody()).isEqualTo(200);
        assertThat(queue.published()).hasSize(2).allSatisfy(e -> {
            assertThat(e.id()).isEqualTo(queue.published().get(0).id());
            assertThat(e.type()).isEqualTo("consent.changed");
            assertThat(e.customerId()).isEqualTo("cust-milano-001");
            assertThat(e.data())
                    .containsEntry("channel", "email")
                    .containsEntry("topic", "marketing")
                    .containsEntry("granted", false)
                    .containsEntry("source", "one-click-unsubscribe");
        });
    }

    @Test
    void anUnsubscribeWithoutTheOneClickBodyOrWithABadLinkChangesNothingAndNamesNoOne() {
        IngestHandler handler = handlerWithTheFactoryClocks();
        String token = new CustomerLinkToken(FIXTURE_SECRET, Clock.systemUTC())
                .sign("cust-milano-001", "unsubscribe", java.time.Duration.ofDays(90));
        String forged = new CustomerLinkToken("some-other-secret-entirely", Clock.systemUTC())
                .sign("cust-milano-001", "unsubscribe", java.time.Duration.ofDays(90));
        String form = "application/x-www-form-urlencoded";

        assertThat(handler.handleRequest(unsubscribe("POST", token, form, "List-Unsubscribe=Maybe"), null)
                        .getStatusCode())
                .isEqualTo(400);
        APIGatewayV2HTTPResponse refused =
                handler.handleRequest(unsubscribe("POST", forged, form, "List-Unsubscribe=One-Click"), null);
        assertThat(refused.getStatusCode()).isEqualTo(403);
        assertThat(refused.getBody()).contains("non è valido").doesNotContain("cust-milano-001");
        assertThat(handler.handleRequest(unsubscribe("GET", forged, null, null), null)
                        .getStatusCode())
                .isEqualTo(403);
        assertThat(handler.handleRequest(unsubscribe("POST", "garbage", form, "List-Unsubscribe=One-Click"), null)
                        .getStatusCode())
                .isEqualTo(404);
        assertThat(queue.published()).isEmpty();
    }
}
