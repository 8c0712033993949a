package it.attimo.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.aws.channel.OutboxMessage;
import it.attimo.core.api.ApiErrors;
import it.attimo.core.ingest.QuarantinedEvent;
import it.attimo.local.AdvanceResult;
import it.attimo.sfn.ExecutionDescription;
import it.attimo.sfn.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of {@code attimo serve}: the public API exactly as template.yaml routes it (API Gateway events to the real
 * handlers) plus local-only inspection and clock routes. Unknown paths answer 404, known paths with another method
 * 405, both as JSON.
 */
public final class LocalRoutes {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROFILE = Pattern.compile("^/profiles/([^/]+)$");
    private static final Pattern HISTORY = Pattern.compile("^/executions/([^/]+)/history$");
    private static final int DEFAULT_QUARANTINE_LIMIT = 100;

    /** A request as the HTTP server read it. */
    public record Request(
            String method,
            String path,
            String rawQuery,
            Map<String, List<String>> headers,
            byte[] body,
            String sourceIp) {}

    /** A response to write. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        static Response json(int status, JsonNode body) {
            return new Response(
                    status,
                    Map.of("content-type", "application/json"),
                    body.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private final LocalBackend backend;

    public LocalRoutes(LocalBackend backend) {
        this.backend = backend;
    }

    public Response handle(Request request) {
        String path = request.path();
        String method = request.method();
        try {
            switch (path) {
                case "/events":
                    return only(method, "POST")
                            .orElseGet(() -> api(request, "POST /events", "IngestFunction", Map.of()));
                case "/webhooks/hubspot":
                    return only(method, "POST")
                            .orElseGet(() -> api(request, "POST /webhooks/hubspot", "IngestFunction", Map.of()));
                case "/kpis/onboarding":
                    return only(method, "GET")
                            .orElseGet(() -> api(request, "GET /kpis/onboarding", "InsightsFunction", Map.of()));
                case "/health":
                    return only(method, "GET").orElseGet(() -> Response.json(200, backend.health()));
                case "/outbox":
                    return only(method, "GET").orElseGet(() -> outbox(request));
                case "/quarantine":
                    return only(method, "GET").orElseGet(this::quarantine);
                case "/executions":
                    return only(method, "GET").orElseGet(this::executions);
                case "/admin/clock":
                    if (method.equals("GET")) {
                        return Response.json(200, clockNow());
                    }
                    return only(method, "GET", "POST").orElseGet(() -> moveClock(request));
                default:
                    break;
            }
            Matcher profile = PROFILE.matcher(path);
            if (profile.matches()) {
                return only(method, "GET")
                        .orElseGet(() -> api(
                                request,
                                "GET /profiles/{customerId}",
                                "InsightsFunction",
                                Map.of("customerId", decodePathSegment(profile.group(1)))));
            }
            Matcher history = HISTORY.matcher(path);
            if (history.matches()) {
                return only(method, "GET").orElseGet(() -> history(decodePathSegment(history.group(1))));
            }
            return error(404, "not_found", "no route for " + method + " " + path);
        } catch (RuntimeException e) {
            return error(500, "InternalError", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Optional<Response> only(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return Optional.empty();
            }
        }
        Response r =
                error(405, "method_not_allowed", method + " is not allowed here; use " + String.join(", ", allowed));
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put("allow", String.join(", ", allowed));
        return Optional.of(new Response(405, headers, r.body()));
    }

    private Response api(Request request, String routeKey, String function, Map<String, String> pathParameters) {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.build(
                request.method(),
                request.path(),
                request.rawQuery(),
                routeKey,
                request.headers(),
                request.body(),
                pathParameters,
                request.sourceIp(),
                Instant.now());
        Object result = backend.invokeHttpFunction(function, event);
        APIGatewayV2HTTPResponse response = result instanceof APIGatewayV2HTTPResponse r
                ? r
                : JSON.convertValue(result, APIGatewayV2HTTPResponse.class);
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v));
        }
        byte[] body = response.getBody() == null
                ? new byte[0]
                : response.getIsBase64Encoded()
                        ? Base64.getDecoder().decode(response.getBody())
                        : response.getBody().getBytes(StandardCharsets.UTF_8);
        return new Response(response.getStatusCode(), headers, body);
    }

    private ObjectNode clockNow() {
        ObjectNode out = JSON.createObjectNode();
        out.put("now", backend.now().toString());
        out.put("mode", backend.clockMode());
        return out;
    }

    private Response moveClock(Request request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (Exception e) {
            return error(
                    400,
                    "bad_request",
                    "the body must be JSON: {\"advance\":\"PT24H\"} or {\"set\":\"<ISO instant>\"}");
        }
        if (body == null || !body.isObject()) {
            return error(
                    400,
                    "bad_request",
                    "the body must be a JSON object: {\"advance\":\"PT24H\"} or " + "{\"set\":\"<ISO instant>\"}");
        }
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        if (fields.size() != 1 || !(fields.contains("advance") || fields.contains("set"))) {
            return error(
                    400,
                    "bad_request",
                    "give exactly one of \"advance\" (ISO-8601 duration) or \"set\" " + "(ISO-8601 instant); got "
                            + fields);
        }
        Instant now = backend.now();
        Instant target;
        if (fields.contains("advance")) {
            Duration duration;
            try {
                duration = Duration.parse(body.path("advance").asText());
            } catch (DateTimeException e) {
                return error(
                        400,
                        "bad_request",
                        "\"advance\" is not an ISO-8601 duration such as PT24H or P3D: " + body.path("advance"));
            }
            if (duration.isNegative()) {
                return error(
                        400, "bad_request", "the virtual clock only moves forward; \"advance\" must not be negative");
            }
            target = now.plus(duration);
        } else {
            try {
                target = Instant.parse(body.path("set").asText());
            } catch (DateTimeException e) {
                return error(
                        400,
                        "bad_request",
                        "\"set\" is not an ISO-8601 UTC instant such as 2026-06-10T08:00:00Z: " + body.path("set"));
            }
            if (target.isBefore(now)) {
                return error(
                        400,
                        "bad_request",
                        "the virtual clock only moves forward: " + target + " is before now (" + now + ")");
            }
        }
        AdvanceResult result = backend.advanceTo(target);
        ObjectNode out = JSON.createObjectNode();
        out.put("now", result.now().toString());
        ObjectNode ran = out.putObject("ran");
        ran.put("from", result.from().toString());
        ran.put("timerStops", result.timerStops());
        ran.put("rescoresFired", result.rescoresFired());
        ran.put("scheduledJobsRun", result.scheduledJobsRun());
        ran.put("messagesProcessed", result.messagesProcessed());
        ran.put("executionsStarted", result.executionsStarted());
        ran.put("executionsFinished", result.executionsFinished());
        ran.put("executionsRunning", result.executionsRunning());
        return Response.json(200, out);
    }

    private Response outbox(Request request) {
        Map<String, String> query = ApiGatewayEvents.queryParameters(request.rawQuery());
        Optional<String> customer = Optional.ofNullable(query == null ? null : query.get("customerId"))
                .filter(s -> !s.isBlank());
        ArrayNode out = JSON.createArrayNode();
        for (OutboxMessage m : backend.outbox(customer)) {
            ObjectNode o = out.addObject();
            o.put("customerId", m.customerId());
            o.put("channel", m.channel());
            o.put("kind", m.kind());
            o.put("journey", m.journey());
            o.put("step", m.step());
            o.put("sendAt", m.sendAt() == null ? null : m.sendAt().toString());
            o.put("messageKey", m.messageKey());
            o.put("template", m.template());
            o.put("locale", m.locale());
            o.put("recordedAt", m.recordedAt() == null ? null : m.recordedAt().toString());
        }
        return Response.json(200, out);
    }

    private Response quarantine() {
        ArrayNode out = JSON.createArrayNode();
        for (QuarantinedEvent q : backend.quarantine(DEFAULT_QUARANTINE_LIMIT)) {
            ObjectNode o = out.addObject();
            o.put("quarantineId", q.quarantineId());
            o.put("origin", q.origin());
            o.put("index", q.index());
            o.put("eventId", q.eventId());
            o.put("reason", q.reason());
            o.put("receivedAt", q.receivedAt() == null ? null : q.receivedAt().toString());
        }
        return Response.json(200, out);
    }

    private Response executions() {
        ArrayNode out = JSON.createArrayNode();
        for (ExecutionDescription e : backend.executions()) {
            ObjectNode o = out.addObject();
            o.put("id", e.name());
            o.put("executionArn", e.executionArn());
            o.put("journey", journeyOf(e.stateMachineArn()));
            o.put("status", e.status().name());
            o.put("startDate", e.startDate().toString());
            o.put("stopDate", e.stopDate().map(Instant::toString).orElse(null));
            e.error().ifPresent(err -> o.put("error", err));
        }
        return Response.json(200, out);
    }

    private Response history(String name) {
        Optional<List<HistoryEvent>> events = backend.history(name);
        if (events.isEmpty()) {
            return error(404, "ExecutionDoesNotExist", "no execution named " + name);
        }
        ArrayNode out = JSON.createArrayNode();
        for (HistoryEvent e : events.get()) {
            ObjectNode o = out.addObject();
            o.put("id", e.id());
            o.put("type", e.type());
            o.put("timestamp", e.timestamp().toString());
            if (e.stateName() != null) {
                o.put("state", e.stateName());
            }
            o.set("details", e.details());
        }
        return Response.json(200, out);
    }

    static String journeyOf(String stateMachineArn) {
        return stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
    }

    private static String decodePathSegment(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The same error body and codes as the API's ({@link ApiErrors}): {@code {"error": code, "message": text}}. */
    static Response error(int status, String code, String message) {
        return new Response(
                status,
                Map.of("content-type", "application/json"),
                ApiErrors.error(status, code, message).body().getBytes(StandardCharsets.UTF_8));
    }
}
