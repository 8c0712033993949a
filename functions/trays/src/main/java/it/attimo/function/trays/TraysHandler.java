package it.attimo.function.trays;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import it.attimo.aws.config.AttimoFactory;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.aws.http.HttpApiResponse;
import it.attimo.aws.lambda.HttpApiHandler;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.error.MalformedJson;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.error.RequestRefused;
import it.attimo.core.error.UnsupportedMediaType;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.core.ingest.SignatureCheck;
import it.attimo.core.json.Json;
import it.attimo.core.port.SecretProvider;
import it.attimo.core.tray.CreateTray;
import it.attimo.core.tray.PartyTurns;
import it.attimo.core.tray.TrayQueries;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The trays' HTTP routes. {@code POST /trays} and {@code GET /trays/{trayId}} are signed like {@code POST /events}
 * ({@code X-Attimo-Timestamp}, {@code X-Attimo-Signature} over the raw body, empty for the GET; IAM on top on AWS).
 * {@code GET|POST /tray/{token}} are the party pages (HTML, Italian) and {@code GET /tray/{token}/document} the
 * completed PDF: the link's token is the credential, so a forged one is a 403 page and an expired one a 404 page,
 * both saying nothing about the tray.
 */
public class TraysHandler extends HttpApiHandler {
    static final int MAX_BODY = 64 * 1024;

    @Inject
    CreateTray create;

    @Inject
    TrayQueries queries;

    @Inject
    PartyTurns turns;

    @Inject
    SecretProvider secrets;

    @Inject
    @Named(AttimoFactory.WALL_CLOCK)
    Clock wallClock;

    public TraysHandler() {}

    public TraysHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Map<String, Function<HttpApiRequest, HttpApiResponse>> routes() {
        return Map.of(
                "POST /trays", this::createTray,
                "GET /trays/{trayId}", this::describe,
                "GET /tray/{token}",
                        request -> page(() -> TrayPage.render(turns.view(token(request)), 200, token(request))),
                "POST /tray/{token}", this::act,
                "GET /tray/{token}/document", this::document);
    }

    private HttpApiResponse createTray(HttpApiRequest request) {
        verify(request);
        JsonNode body = json(request);
        if (!body.isObject())
            throw new BadRequest("the body must be a JSON object {template, customerId, data, parties}");
        Map<String, String> parties = new LinkedHashMap<>();
        JsonNode p = body.path("parties");
        if (!p.isMissingNode() && !p.isObject()) throw new BadRequest("parties must be an object {party: id}");
        p.fields()
                .forEachRemaining(e -> parties.put(
                        e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : null));
        JsonNode data = body.path("data");
        if (!data.isMissingNode() && !data.isObject()) throw new BadRequest("data must be an object {field: value}");
        CreateTray.Created created = create.create(new CreateTray.Request(
                text(body, "trayId"),
                text(body, "template"),
                text(body, "customerId"),
                data.isObject() ? Json.toMap(data) : Map.of(),
                parties));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trayId", created.tray().trayId);
        out.put("status", created.tray().status);
        return HttpApiResponse.json(created.created() ? 201 : 200, Json.write(out));
    }

    private HttpApiResponse describe(HttpApiRequest request) {
        verify(request);
        return HttpApiResponse.json(200, Json.write(queries.describe(request.pathParameter("trayId"))));
    }

    private HttpApiResponse act(HttpApiRequest request) {
        return page(() -> {
            PartyTurns.Result result = turns.act(token(request), FormBody.parse(request));
            return TrayPage.render(result.view(), result.status(), token(request));
        });
    }

    /** The PDF: a redirect to a short-lived presigned link where the store has one (S3), else the bytes. */
    private HttpApiResponse document(HttpApiRequest request) {
        return page(() -> {
            java.util.Optional<java.net.URI> link = turns.documentLink(token(request));
            if (link.isPresent()) {
                Map<String, String> headers = new LinkedHashMap<>(TrayPage.SECURITY_HEADERS);
                headers.put("Location", link.get().toString());
                return new HttpApiResponse(303, "", headers);
            }
            byte[] pdf = turns.document(token(request));
            Map<String, String> headers = new LinkedHashMap<>(TrayPage.SECURITY_HEADERS);
            headers.put(HttpApiResponse.CONTENT_TYPE, "application/pdf");
            headers.put("Content-Disposition", "inline; filename=\"documento.pdf\"");
            return HttpApiResponse.binary(200, pdf, headers);
        });
    }

    /** A party page, or the page of its refusal with the refusal's status (nothing about the tray). */
    private static HttpApiResponse page(Supplier<HttpApiResponse> render) {
        try {
            return render.get();
        } catch (RequestRefused refused) {
            return TrayPage.refusal(refused);
        }
    }

    private static String token(HttpApiRequest request) {
        return request.pathParameter("token");
    }

    private void verify(HttpApiRequest request) {
        SignatureCheck check = new AttimoSignatureVerifier(wallClock)
                .verify(
                        secrets.webhookSecret().orElse(null),
                        request.header(AttimoSignatureVerifier.TIMESTAMP_HEADER),
                        request.header(AttimoSignatureVerifier.SIGNATURE_HEADER),
                        request.body());
        if (check != SignatureCheck.VALID) throw new InvalidSignature(check.message());
    }

    private static JsonNode json(HttpApiRequest request) {
        if (request.body().length > MAX_BODY)
            throw new PayloadTooLarge("a tray request is at most " + MAX_BODY + " bytes");
        String type = request.header("Content-Type");
        if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new UnsupportedMediaType("POST /trays takes application/json, not " + type);
        }
        try {
            return Json.parse(request.body());
        } catch (JsonProcessingException e) {
            throw new MalformedJson("body is not valid JSON: " + e.getOriginalMessage(), null);
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new BadRequest(field + " must be a string");
        return v.asText();
    }
}
