package it.attimo.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.aws.channel.OutboxMessage;
import it.attimo.core.ingest.QuarantinedEvent;
import it.attimo.local.AdvanceResult;
import it.attimo.local.SamTemplate;
import it.attimo.sfn.ExecutionDescription;
import it.attimo.sfn.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalRoutesTest {
    private static final Instant NOW = Instant.parse("2026-06-08T06:00:00Z");

    /** The project's own template.yaml: the routes {@code attimo serve} serves. */
    private static final SamTemplate TEMPLATE = SamTemplate.read(projectTemplate());

    private final FakeBackend backend = new FakeBackend();
    private final LocalRoutes routes = new LocalRoutes(backend, TEMPLATE.routes());

    static Path projectTemplate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir.resolve("template.yaml");
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    @Test
    void unknownRouteIs404Json() throws Exception {
        LocalRoutes.Response r = routes.handle(request("GET", "/nope", null, ""));
        assertThat(r.status()).isEqualTo(404);
        assertThat(json(r).path("error").asText()).isEqualTo("not_found");
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        LocalRoutes.Response r = routes.handle(request("GET", "/events", null, ""));
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers().get("allow")).isEqualTo("POST");
        assertThat(json(r).path("error").asText()).isEqualTo("method_not_allowed");
        // DELETE /profiles/{id} is the erasure route; PATCH is served by nothing
        assertThat(routes.handle(request("PATCH", "/profiles/c-1", null, "")).status())
                .isEqualTo(405);
        LocalRoutes.Response put = routes.handle(request("PUT", "/admin/clock", null, "{}"));
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers().get("allow")).isEqualTo("GET, POST");
        assertThat(backend.events).isEmpty();
    }

    private static OutboxMessage outboxMessage(String customer, String journey, String step, Instant recordedAt) {
        return new OutboxMessage(
                customer,
                customer + "#" + journey + "#" + step,
                "email",
                "service",
                journey,
                step,
                recordedAt,
                step,
                "it",
                "formale",
                recordedAt,
                Map.of(),
                null,
                null,
                Map.of(),
                null,
                null,
                Map.of());
    }

    @Test
    void outboxFiltersByJourneyStepAndRecordedSince() throws Exception {
        backend.outbox.add(outboxMessage("c-1", "post-purchase", "welcome", NOW));
        backend.outbox.add(outboxMessage("c-1", "post-purchase", "tutorial", NOW.plusSeconds(3600)));
        backend.outbox.add(outboxMessage("c-2", "post-purchase", "tutorial", NOW.plusSeconds(7200)));
        backend.outbox.add(outboxMessage("c-2", "onboarding-72h", "tutorial", NOW.plusSeconds(7200)));

        JsonNode tutorials = json(routes.handle(
                request("GET", "/outbox", "journey=post-purchase&step=tutorial&since=2026-06-08T08:00:00Z", "")));
        assertThat(tutorials).hasSize(1);
        assertThat(tutorials.get(0).path("customerId").asText()).isEqualTo("c-2");
        assertThat(json(routes.handle(request("GET", "/outbox", "journey=post-purchase", ""))))
                .hasSize(3);
        assertThat(json(routes.handle(request("GET", "/outbox", "customerId=c-1&step=tutorial", ""))))
                .hasSize(1);

        LocalRoutes.Response bad = routes.handle(request("GET", "/outbox", "since=yesterday", ""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(json(bad).path("message").asText()).contains("since");
    }

    @Test
    void clockAdvanceAndSetMoveForward() throws Exception {
        LocalRoutes.Response advanced = routes.handle(request("POST", "/admin/clock", null, "{\"advance\":\"PT24H\"}"));
        assertThat(advanced.status()).isEqualTo(200);
        assertThat(backend.targets).containsExactly(Instant.parse("2026-06-09T06:00:00Z"));
        assertThat(json(advanced).path("now").asText()).isEqualTo("2026-06-09T06:00:00Z");
        assertThat(json(advanced).path("ran").has("timerStops")).isTrue();

        LocalRoutes.Response set =
                routes.handle(request("POST", "/admin/clock", null, "{\"set\":\"2026-06-10T08:00:00Z\"}"));
        assertThat(set.status()).isEqualTo(200);
        assertThat(backend.targets).last().isEqualTo(Instant.parse("2026-06-10T08:00:00Z"));
    }

    @Test
    void clockRefusesAnythingElseWith400() throws Exception {
        for (String body : List.of(
                "",
                "[]",
                "not json",
                "{}",
                "{\"advance\":\"PT1H\",\"set\":\"2026-06-10T08:00:00Z\"}",
                "{\"advance\":\"tomorrow\"}",
                "{\"advance\":\"-PT1H\"}",
                "{\"set\":\"yesterday\"}",
                "{\"jump\":\"PT1H\"}")) {
            LocalRoutes.Response r = routes.handle(request("POST", "/admin/clock", null, body));
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(json(r).path("message").asText()).as(body).isNotBlank();
        }
        assertThat(backend.targets).isEmpty();
        LocalRoutes.Response negative = routes.handle(request("POST", "/admin/clock", null, "{\"advance\":\"-PT1H\"}"));
        assertThat(json(negative).path("message").asText()).contains("only moves forward");
    }

    @Test
    void deadLettersAreListedByIdsAndRedrivenOnPost() throws Exception {
        LocalRoutes.Response list = routes.handle(request("GET", "/admin/dlq", "limit=5", ""));
        assertThat(list.status()).isEqualTo(200);
        JsonNode first = json(list).path("messages").get(0);
        assertThat(first.path("eventId").asText()).isEqualTo("e-1");
        assertThat(first.path("type").asText()).isEqualTo("order.delivered");
        assertThat(first.path("receiveCount").asInt()).isEqualTo(6);
        assertThat(routes.handle(request("GET", "/admin/dlq", "limit=0", "")).status())
                .isEqualTo(400);
        assertThat(routes.handle(request("GET", "/admin/dlq", "limit=lots", "")).status())
                .isEqualTo(400);
        LocalRoutes.Response redrive = routes.handle(request("POST", "/admin/dlq/redrive", null, ""));
        assertThat(redrive.status()).isEqualTo(200);
        assertThat(json(redrive).path("redriven").asInt()).isEqualTo(1);
    }

    @Test
    void setGoesToAnyInstantThroughTheBackendWhichRefusesWith409WhileSomethingIsPending() throws Exception {
        LocalRoutes.Response back =
                routes.handle(request("POST", "/admin/clock", null, "{\"set\":\"2026-06-01T00:00:00Z\"}"));
        assertThat(back.status()).isEqualTo(200);
        assertThat(backend.set).containsExactly(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(json(back).path("now").asText()).isEqualTo("2026-06-01T00:00:00Z");

        backend.pending = "2 running journey execution(s)";
        LocalRoutes.Response refused =
                routes.handle(request("POST", "/admin/clock", null, "{\"set\":\"2026-05-01T00:00:00Z\"}"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(json(refused).path("error").asText()).isEqualTo("conflict");
        assertThat(json(refused).path("message").asText()).contains("2 running journey execution(s)");
    }

    @Test
    void getClockAnswersNowAndMode() throws Exception {
        LocalRoutes.Response r = routes.handle(request("GET", "/admin/clock", null, ""));
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).path("now").asText()).isEqualTo(NOW.toString());
        assertThat(json(r).path("mode").asText()).isEqualTo("manual");
    }

    @Test
    void publicRoutesReachTheFunctionsAsApiGatewayEvents() throws Exception {
        LocalRoutes.Response r = routes.handle(request("POST", "/events", "debug=1", "{\"a\":1}"));
        assertThat(r.status()).isEqualTo(202);
        APIGatewayV2HTTPEvent event = backend.events.get(0);
        assertThat(backend.functions).containsExactly("IngestFunction");
        assertThat(event.getRouteKey()).isEqualTo("POST /events");
        assertThat(event.getRawPath()).isEqualTo("/events");
        assertThat(event.getRawQueryString()).isEqualTo("debug=1");
        assertThat(event.getBody()).isEqualTo("{\"a\":1}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getHeaders())
                .containsEntry("x-attimo-signature", "sha256=ab")
                .containsEntry("host", "127.0.0.1:8080")
                .containsEntry("x-forwarded-proto", "http");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");

        routes.handle(request("GET", "/profiles/c-000123", null, ""));
        APIGatewayV2HTTPEvent profile = backend.events.get(1);
        assertThat(backend.functions.get(1)).isEqualTo("InsightsFunction");
        assertThat(profile.getRouteKey()).isEqualTo("GET /profiles/{customerId}");
        assertThat(profile.getPathParameters()).containsExactly(Map.entry("customerId", "c-000123"));
    }

    @Test
    void everyRouteOfTheTemplateReachesItsFunctionWithItsRouteKey() {
        List<SamTemplate.Route> declared = TEMPLATE.routes();
        assertThat(declared)
                .extracting(SamTemplate.Route::routeKey)
                .contains(
                        "POST /events", "POST /webhooks/hubspot", "GET /profiles/{customerId}", "GET /kpis/onboarding");
        for (SamTemplate.Route route : declared) {
            String path = route.path().replaceAll("\\{[^}]+}", "v-1");
            LocalRoutes.Response r = routes.handle(request(route.method(), path, null, ""));
            assertThat(r.status()).as(route.routeKey()).isEqualTo(202);
            assertThat(backend.functions).last().as(route.routeKey()).isEqualTo(route.functionLogicalId());
            APIGatewayV2HTTPEvent event = backend.events.get(backend.events.size() - 1);
            assertThat(event.getRouteKey()).isEqualTo(route.routeKey());
            assertThat(event.getRequestContext().getRouteKey()).isEqualTo(route.routeKey());
            if (route.path().contains("{")) {
                assertThat(event.getPathParameters())
                        .as(route.routeKey())
                        .isNotEmpty()
                        .containsValue("v-1");
            }
        }
    }

    @Test
    void aRouteAddedToTheTemplateIsServedWithoutAJavaChange() throws Exception {
        SamTemplate template = SamTemplate.parse("""
                Resources:
                  ReportsFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: it.attimo.function.reports.ReportsHandler
                      Events:
                        GetReport:
                          Type: HttpApi
                          Properties:
                            ApiId: !Ref HttpApi
                            Method: get
                            Path: /reports/{year}/{month}
                        GetLatest:
                          Type: HttpApi
                          Properties:
                            Method: GET
                            Path: /reports/latest/{month}
                """);
        LocalRoutes served = new LocalRoutes(backend, template.routes());

        assertThat(served.handle(request("GET", "/reports/2026/06", null, "")).status())
                .isEqualTo(202);
        assertThat(backend.functions).containsExactly("ReportsFunction");
        assertThat(backend.events.get(0).getRouteKey()).isEqualTo("GET /reports/{year}/{month}");
        assertThat(backend.events.get(0).getPathParameters())
                .containsExactly(Map.entry("year", "2026"), Map.entry("month", "06"));

        served.handle(request("GET", "/reports/latest/06", null, ""));
        assertThat(backend.events.get(1).getRouteKey())
                .as("the literal segment is more specific")
                .isEqualTo("GET /reports/latest/{month}");

        LocalRoutes.Response post = served.handle(request("POST", "/reports/2026/06", null, ""));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers().get("allow")).isEqualTo("GET");
        assertThat(served.handle(request("GET", "/reports/2026", null, "")).status())
                .isEqualTo(404);
        assertThat(served.handle(request("GET", "/events", null, "")).status())
                .as("not in this template")
                .isEqualTo(404);
        assertThat(served.handle(request("GET", "/health", null, "")).status())
                .as("local routes stay")
                .isEqualTo(200);
        assertThat(backend.events).hasSize(2);
    }

    @Test
    void pathParametersAreUrlDecodedAndABrokenEscapeIsNotFound() throws Exception {
        routes.handle(request("GET", "/profiles/hs-1%3A2", null, ""));
        routes.handle(request("GET", "/profiles/a+b", null, ""));
        assertThat(backend.events)
                .extracting(e -> e.getPathParameters().get("customerId"))
                .containsExactly("hs-1:2", "a+b");
        assertThat(backend.events.get(0).getRawPath()).isEqualTo("/profiles/hs-1%3A2");

        LocalRoutes.Response broken = routes.handle(request("GET", "/profiles/abc%zz", null, ""));
        assertThat(broken.status()).isEqualTo(404);
        assertThat(json(broken).path("error").asText()).isEqualTo("not_found");
        for (String path : List.of("/profiles/", "/profiles", "/profiles/c-1/", "/events/")) {
            assertThat(routes.handle(request("GET", path, null, "")).status())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(backend.events).hasSize(2);
    }

    @Test
    void anUnknownExecutionsHistoryIsNotFound() throws Exception {
        LocalRoutes.Response r = routes.handle(request("GET", "/executions/nope/history", null, ""));
        assertThat(r.status()).isEqualTo(404);
        assertThat(json(r).path("error").asText()).isEqualTo("not_found");
        assertThat(json(r).path("message").asText()).isEqualTo("no execution named nope");
    }

    @Test
    void aFailureIs500WithoutItsInternals() throws Exception {
        backend.failure = new IllegalStateException("DynamoDB table attimo-profiles is gone");
        LocalRoutes.Response r = routes.handle(request("GET", "/profiles/c-1", null, ""));
        assertThat(r.status()).isEqualTo(500);
        assertThat(json(r).path("error").asText()).isEqualTo("internal_error");
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .doesNotContain("DynamoDB")
                .doesNotContain("IllegalStateException");
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
    }

    @Test
    void binaryBodiesAreBase64Encoded() {
        byte[] body = {(byte) 0xff, (byte) 0xfe, 0x00};
        routes.handle(new LocalRoutes.Request("POST", "/events", null, Map.of(), body, "127.0.0.1"));
        assertThat(backend.events.get(0).getIsBase64Encoded()).isTrue();
        assertThat(backend.events.get(0).getBody()).isEqualTo("//4A");
    }

    private static LocalRoutes.Request request(String method, String path, String query, String body) {
        return new LocalRoutes.Request(
                method,
                path,
                query,
                Map.of("Host", List.of("127.0.0.1:8080"), "X-Attimo-Signature", List.of("sha256=ab")),
                body.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1");
    }

    private static JsonNode json(LocalRoutes.Response r) throws Exception {
        return LocalRoutes.JSON.readTree(r.body());
    }

    private static final class FakeBackend implements LocalBackend {
        final List<APIGatewayV2HTTPEvent> events = new ArrayList<>();
        final List<String> functions = new ArrayList<>();
        final List<Instant> targets = new ArrayList<>();
        RuntimeException failure;

        @Override
        public Object invokeHttpFunction(String logicalId, APIGatewayV2HTTPEvent event) {
            if (failure != null) {
                throw failure;
            }
            functions.add(logicalId);
            events.add(event);
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(202)
                    .withBody("{}")
                    .build();
        }

        @Override
        public Instant now() {
            return targets.isEmpty() ? NOW : targets.get(targets.size() - 1);
        }

        @Override
        public String clockMode() {
            return "manual";
        }

        @Override
        public AdvanceResult advanceTo(Instant target) {
            Instant from = now();
            targets.add(target);
            return new AdvanceResult(from, target, 0, 0, 0, 0, 0, 0, 0);
        }

        @Override
        public ObjectNode deadLetters(int max) {
            ObjectNode out = LocalRoutes.JSON.createObjectNode().put("approximateCount", 1);
            out.putArray("messages")
                    .addObject()
                    .put("messageId", "m-1")
                    .put("eventId", "e-1")
                    .put("type", "order.delivered")
                    .put("subject", "c-1")
                    .put("receiveCount", 6);
            return out;
        }

        int redriven;

        @Override
        public int redriveDeadLetters() {
            return ++redriven;
        }

        final List<Instant> set = new ArrayList<>();
        String pending;

        @Override
        public AdvanceResult setClock(Instant target) {
            if (!target.isBefore(now())) return advanceTo(target);
            if (pending != null) throw new it.attimo.core.error.Conflict("cannot set the clock back: " + pending);
            set.add(target);
            return new AdvanceResult(now(), target, 0, 0, 0, 0, 0, 0, 0);
        }

        @Override
        public ObjectNode health() {
            return LocalRoutes.JSON.createObjectNode().put("status", "ok");
        }

        final List<OutboxMessage> outbox = new ArrayList<>();

        @Override
        public List<OutboxMessage> outbox(Optional<String> customerId) {
            return outbox.stream()
                    .filter(m -> customerId.isEmpty() || customerId.get().equals(m.customerId()))
                    .toList();
        }

        @Override
        public List<QuarantinedEvent> quarantine(int limit) {
            return List.of();
        }

        @Override
        public List<ExecutionDescription> executions() {
            return List.of();
        }

        @Override
        public Optional<List<HistoryEvent>> history(String executionName) {
            return Optional.empty();
        }
    }
}
