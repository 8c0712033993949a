package it.attimo.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.aws.channel.OutboxMessage;
import it.attimo.aws.channel.OutboxQuery;
import it.attimo.aws.http.HttpApiResponse;
import it.attimo.aws.http.HttpErrorMapper;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.HeadersTooLarge;
import it.attimo.core.error.NotFound;
import it.attimo.core.ingest.QuarantinedEvent;
import it.attimo.core.json.Json;
import it.attimo.local.AdvanceResult;
import it.attimo.local.SamTemplate;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The routes of {@code attimo serve}: the public API exactly as template.yaml routes it (each request becomes the API
 * Gateway event its function's handler gets on AWS) plus local-only inspection and clock routes. Both are matched the
 * same way: the most specific path template with the request's method; a known path with another method is a 405 with
 * {@code Allow}, anything else a 404. Every error answer comes from {@link HttpErrorMapper}, as on AWS.
 */
public final class LocalRoutes {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_QUARANTINE_LIMIT = 100;
    /** The longest forward move of the virtual clock in one request: the scheduled jobs in between all run. */
    static final Duration MAX_CLOCK_MOVE = Duration.ofDays(366);

    /** A request as the HTTP server read it. */
    public record Request(
            String method,
            String path,
            String rawQuery,
            Map<String, List<String>> headers,
            byte[] body,
            String sourceIp) {}

    /** A response to write; header names in lower case. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        static Response json(int status, JsonNode body) {
            return new Response(
                    status,
                    Map.of("content-type", "application/json"),
                    body.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Response of(HttpApiResponse response) {
            return new Response(
                    response.status(),
                    lowerCaseNames(response.headers()),
                    response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A method and path template, and what answers it given the request and its decoded path parameters. */
    private record Route(String method, PathTemplate path, BiFunction<Request, Map<String, String>, Response> answer) {}

    private final LocalBackend backend;
    private final List<Route> routes;

    /** @param apiRoutes the HTTP API's routes, from {@link SamTemplate#routes()} */
    public LocalRoutes(LocalBackend backend, List<SamTemplate.Route> apiRoutes) {
        this.backend = backend;
        List<Route> all = new ArrayList<>();
        for (SamTemplate.Route api : apiRoutes) {
            all.add(new Route(
                    api.method(),
                    PathTemplate.parse(api.path()),
                    (request, parameters) -> forward(request, api, parameters)));
        }
        all.add(local("GET", "/health", (request, parameters) -> Response.json(200, backend.health())));
        all.add(local("GET", "/outbox", (request, parameters) -> outbox(request)));
        all.add(local("GET", "/quarantine", (request, parameters) -> quarantine()));
        all.add(local("GET", "/executions", (request, parameters) -> executions()));
        all.add(local("GET", "/executions/{name}/history", (request, parameters) -> history(parameters.get("name"))));
        all.add(local("GET", "/admin/clock", (request, parameters) -> Response.json(200, clockNow())));
        all.add(local("GET", "/admin/dlq", (request, parameters) -> deadLetters(request)));
        all.add(local("POST", "/admin/dlq/redrive", (request, parameters) -> redriveDeadLetters(request)));
        all.add(local("POST", "/admin/clock", (request, parameters) -> moveClock(request)));
        this.routes = List.copyOf(all);
    }

    private static Route local(String method, String path, BiFunction<Request, Map<String, String>, Response> answer) {
        return new Route(method, PathTemplate.parse(path), answer);
    }

    public Response handle(Request request) {
        return HttpErrorMapper.respond(() -> route(request), Response::of);
    }

    /**
     * API Gateway HTTP API's quota: the request line and the header values together at most 10,240 bytes. The local
     * server lets far larger headers through (see {@link LocalHttpServer}) so that this answers them precisely.
     */
    static final int MAX_REQUEST_LINE_AND_HEADERS = 10_240;

    private static void requireHeadersWithinLimit(Request request) {
        long size = request.method().length()
                + request.path().length()
                + (request.rawQuery() == null ? 0 : request.rawQuery().length() + 1);
        int count = 0;
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            for (String value : header.getValue()) {
                size += header.getKey().length() + value.length();
                count++;
            }
        }
        if (size > MAX_REQUEST_LINE_AND_HEADERS) {
            throw new HeadersTooLarge("the request line and headers are " + size + " bytes (" + count
                    + " headers); the HTTP API takes at most " + MAX_REQUEST_LINE_AND_HEADERS);
        }
    }

    private Response route(Request request) {
        requireHeadersWithinLimit(request);
        Set<String> methodsOnPath = new TreeSet<>();
        Route chosen = null;
        Map<String, String> parameters = null;
        for (Route route : routes) {
            Optional<Map<String, String>> match = route.path().match(request.path());
            if (match.isEmpty()) {
                continue;
            }
            methodsOnPath.add(route.method());
            boolean moreSpecific = chosen == null
                    || route.path().parameterCount() < chosen.path().parameterCount();
            if (route.method().equals(request.method()) && moreSpecific) {
                chosen = route;
                parameters = match.get();
            }
        }
        if (chosen != null) {
            return chosen.answer().apply(request, parameters);
        }
        if (!methodsOnPath.isEmpty()) {
            return Response.of(HttpErrorMapper.methodNotAllowed(request.method(), methodsOnPath));
        }
        throw new NotFound("no route for " + request.method() + " " + request.path());
    }

    private Response forward(Request request, SamTemplate.Route route, Map<String, String> pathParameters) {
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.build(
                request.method(),
                request.path(),
                request.rawQuery(),
                route.routeKey(),
                request.headers(),
                request.body(),
                pathParameters,
                request.sourceIp(),
                Instant.now());
        Object result = backend.invokeHttpFunction(route.functionLogicalId(), event);
        APIGatewayV2HTTPResponse response = result instanceof APIGatewayV2HTTPResponse r
                ? r
                : JSON.convertValue(result, APIGatewayV2HTTPResponse.class);
        byte[] body = response.getBody() == null
                ? new byte[0]
                : response.getIsBase64Encoded()
                        ? Base64.getDecoder().decode(response.getBody())
                        : response.getBody().getBytes(StandardCharsets.UTF_8);
        return new Response(response.getStatusCode(), lowerCaseNames(response.getHeaders()), body);
    }

    private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        }
        return out;
    }

    private ObjectNode clockNow() {
        ObjectNode out = JSON.createObjectNode();
        out.put("now", backend.now().toString());
        out.put("mode", backend.clockMode());
        return out;
    }

    /** A local route's JSON body, parsed as strictly as the public routes parse theirs. */
    private static JsonNode jsonBody(Request request, String expected) {
        try {
            return Json.parse(request.body());
        } catch (JsonProcessingException e) {
            throw new BadRequest("the body is not valid JSON (" + e.getOriginalMessage() + "); expected " + expected);
        }
    }

    private Response redriveDeadLetters(Request request) {
        JsonNode body = jsonBody(request, "no body or {}");
        if (!body.isMissingNode() && !(body.isObject() && body.isEmpty())) {
            throw new BadRequest("POST /admin/dlq/redrive takes no body (or {}): it redrives every dead letter");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("redriven", backend.redriveDeadLetters());
        return Response.json(200, out);
    }

    private Response moveClock(Request request) {
        JsonNode body = jsonBody(request, "{\"advance\":\"PT24H\"} or {\"set\":\"<ISO instant>\"}");
        if (!body.isObject()) {
            throw new BadRequest(
                    "the body must be a JSON object: {\"advance\":\"PT24H\"} or " + "{\"set\":\"<ISO instant>\"}");
        }
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        if (fields.size() != 1 || !(fields.contains("advance") || fields.contains("set"))) {
            throw new BadRequest("give exactly one of \"advance\" (ISO-8601 duration) or \"set\" "
                    + "(ISO-8601 instant); got " + fields);
        }
        Instant now = backend.now();
        Instant target;
        if (fields.contains("advance")) {
            Duration duration;
            try {
                duration = Duration.parse(body.path("advance").asText());
            } catch (DateTimeException e) {
                throw new BadRequest(
                        "\"advance\" is not an ISO-8601 duration such as PT24H or P3D: " + body.path("advance"));
            }
            if (duration.isNegative()) {
                throw new BadRequest("the virtual clock only moves forward; \"advance\" must not be negative");
            }
            if (duration.compareTo(MAX_CLOCK_MOVE) > 0) {
                throw new BadRequest("\"advance\" is at most " + MAX_CLOCK_MOVE.toDays() + " days (P"
                        + MAX_CLOCK_MOVE.toDays() + "D): every daily job in between runs; move in steps");
            }
            target = now.plus(duration);
        } else {
            try {
                target = Instant.parse(body.path("set").asText());
            } catch (DateTimeException e) {
                throw new BadRequest(
                        "\"set\" is not an ISO-8601 UTC instant such as 2026-06-10T08:00:00Z: " + body.path("set"));
            }
            if (Duration.between(now, target).compareTo(MAX_CLOCK_MOVE) > 0) {
                throw new BadRequest("\"set\" is at most " + MAX_CLOCK_MOVE.toDays() + " days ahead of now (" + now
                        + "): every daily job in between runs; move in steps (going back has no limit)");
            }
        }
        AdvanceResult result = fields.contains("set") ? backend.setClock(target) : backend.advanceTo(target);
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

    private Response deadLetters(Request request) {
        Map<String, String> query = ApiGatewayEvents.queryParameters(request.rawQuery());
        String limit = query == null ? null : query.get("limit");
        int max;
        try {
            max = limit == null ? 100 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new BadRequest("limit must be a whole number 1-1000: " + limit);
        }
        if (max < 1 || max > 1000) throw new BadRequest("limit must be a whole number 1-1000: " + limit);
        return Response.json(200, backend.deadLetters(max));
    }

    private Response outbox(Request request) {
        Map<String, String> query = ApiGatewayEvents.queryParameters(request.rawQuery());
        Optional<String> customer = Optional.ofNullable(query == null ? null : query.get("customerId"))
                .filter(s -> !s.isBlank());
        Optional<String> journey = Optional.ofNullable(query == null ? null : query.get("journey"));
        Optional<String> step = Optional.ofNullable(query == null ? null : query.get("step"));
        Optional<Instant> since = Optional.empty();
        if (query != null && query.get("since") != null) {
            try {
                since = Optional.of(Instant.parse(query.get("since")));
            } catch (DateTimeException e) {
                throw new BadRequest(
                        "since is not an ISO-8601 UTC instant such as 2026-06-10T08:00:00Z: " + query.get("since"));
            }
        }
        ArrayNode out = JSON.createArrayNode();
        for (OutboxMessage m : backend.outbox(new OutboxQuery(customer, journey, step, since))) {
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
            o.put("tone", m.tone());
            if (m.subject() != null) o.put("subject", m.subject());
            if (m.text() != null) o.put("text", m.text());
            if (m.text() != null) {
                ObjectNode links = o.putObject("links");
                m.links().forEach(links::put);
            }
            if (!m.headers().isEmpty()) {
                ObjectNode headers = o.putObject("headers");
                m.headers().forEach(headers::put);
            }
            if (m.coupon() != null) o.put("coupon", m.coupon());
            if (m.experiment() != null) {
                o.putObject("experiment")
                        .put("id", m.experiment().id())
                        .put("arm", m.experiment().arm());
            }
            if (!m.context().isEmpty()) {
                ObjectNode context = o.putObject("context");
                m.context().forEach(context::put);
            }
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
            throw new NotFound("no execution named " + name);
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
}
