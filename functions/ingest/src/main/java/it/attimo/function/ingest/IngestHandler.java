package it.attimo.function.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.aws.http.HttpApiResponse;
import it.attimo.aws.http.HttpErrorMapper;
import it.attimo.aws.http.IngestHttp;
import it.attimo.aws.http.PreferencesHttp;
import it.attimo.aws.http.PrivacyHttp;
import it.attimo.aws.http.UnsubscribeHttp;
import it.attimo.aws.lambda.HttpApiHandler;
import it.attimo.core.consent.OneClickUnsubscribe;
import it.attimo.core.consent.PreferenceCentre;
import it.attimo.core.error.BadRequest;
import it.attimo.core.error.NotFound;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.error.RequestRefused;
import it.attimo.core.ingest.IngestEvents;
import it.attimo.core.ingest.MailchimpIngest;
import it.attimo.core.ingest.SalesforceIngest;
import it.attimo.core.ingest.SnsIngest;
import it.attimo.core.json.Json;
import it.attimo.core.privacy.ErasureRequests;
import it.attimo.core.touchpoint.EmbeddedForm;
import it.attimo.core.touchpoint.FormSubmissions;
import it.attimo.core.touchpoint.QrScans;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code POST /events}, {@code POST /webhooks/hubspot}, {@code POST /webhooks/ses}, {@code POST /webhooks/sns-sms},
 * {@code POST /webhooks/sns-push} (push platform endpoint events),
 * {@code POST|GET /webhooks/mailchimp/{secret}}, {@code POST /webhooks/salesforce}, {@code DELETE
 * /profiles/{customerId}} (an erasure is an event on the queue) and {@code GET|POST /unsubscribe/{token}} (RFC 8058
 * one-click unsubscribe, a consent.changed on the queue) and {@code GET|POST /preferences/{token}} (the preference
 * centre, consent.changed / preferences.updated on the queue): API Gateway HTTP event → {@link IngestEvents} → response. */
public class IngestHandler extends HttpApiHandler {
    @Inject
    IngestEvents ingest;

    @Inject
    SnsIngest sns;

    @Inject
    ErasureRequests erasures;

    @Inject
    MailchimpIngest mailchimp;

    @Inject
    SalesforceIngest salesforce;

    /** Created on the first scan only: the event routes do not need the business clock. */
    @Inject
    BeanProvider<QrScans> qr;

    @Inject
    BeanProvider<FormSubmissions> forms;

    /** Created on the first unsubscribe only, like the scans: it verifies links against the business clock. */
    @Inject
    BeanProvider<OneClickUnsubscribe> unsubscribe;

    /** The preference centre: created on its first page, like the unsubscribe. */
    @Inject
    BeanProvider<PreferenceCentre> preferences;

    /** Used by AWS Lambda: builds its own application context. */
    public IngestHandler() {}

    /** Used where a context already exists (the local stack, tests). */
    public IngestHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Map<String, Function<HttpApiRequest, HttpApiResponse>> routes() {
        return Map.ofEntries(
                Map.entry("POST /events", request -> IngestHttp.cloudEvents(ingest, request)),
                Map.entry("POST /webhooks/hubspot", request -> IngestHttp.hubSpot(ingest, request)),
                Map.entry("POST /webhooks/ses", request -> IngestHttp.ses(sns, request)),
                Map.entry("POST /webhooks/sns-sms", request -> IngestHttp.smsInbound(sns, request)),
                Map.entry("POST /webhooks/sns-push", request -> IngestHttp.pushEvents(sns, request)),
                Map.entry("POST /webhooks/mailchimp/{secret}", request -> IngestHttp.mailchimp(mailchimp, request)),
                Map.entry(
                        "GET /webhooks/mailchimp/{secret}",
                        request -> IngestHttp.mailchimpValidation(mailchimp, request)),
                Map.entry("POST /webhooks/salesforce", request -> IngestHttp.salesforce(salesforce, request)),
                Map.entry("DELETE /profiles/{customerId}", request -> PrivacyHttp.erase(erasures, request)),
                Map.entry(
                        "GET /unsubscribe/{token}",
                        request -> UnsubscribeHttp.confirmationPage(unsubscribe.get(), request)),
                Map.entry("POST /unsubscribe/{token}", request -> UnsubscribeHttp.oneClick(unsubscribe.get(), request)),
                Map.entry("GET /preferences/{token}", request -> PreferencesHttp.show(preferences.get(), request)),
                Map.entry("POST /preferences/{token}", request -> PreferencesHttp.save(preferences.get(), request)),
                Map.entry("GET /q/{code}", this::scan),
                Map.entry("GET /forms/{script}", this::formScript),
                Map.entry("POST /forms/{formId}", this::submitForm));
    }

    /** {@code GET /forms/<formId>.js}: the embeddable form's script. */
    private HttpApiResponse formScript(HttpApiRequest request) {
        String script = request.pathParameter("script");
        if (script == null || !script.endsWith(".js")) throw new NotFound("no such form");
        EmbeddedForm form = forms.get().form(script.substring(0, script.length() - 3));
        String endpoint = origin(request) + "/forms/" + form.formId();
        return new HttpApiResponse(
                200,
                FormScript.render(form, endpoint),
                Map.of(
                        "Content-Type",
                        "application/javascript; charset=utf-8",
                        "Cache-Control",
                        "public, max-age=300",
                        "X-Content-Type-Options",
                        "nosniff"));
    }

    /** {@code POST /forms/<formId>}: a submission from an allow-listed page origin (CORS simple request). */
    private HttpApiResponse submitForm(HttpApiRequest request) {
        String formId = request.pathParameter("formId");
        String origin = request.header("Origin");
        Map<String, String> cors = forms.get().allowedOrigin(formId, origin)
                ? Map.of("Access-Control-Allow-Origin", origin, "Vary", "Origin")
                : Map.of("Vary", "Origin");
        if (request.body().length > 16 * 1024) throw new PayloadTooLarge("a form submission is at most 16 KiB");
        Map<String, String> values = new java.util.HashMap<>();
        try {
            JsonNode body = Json.parse(request.body());
            if (!body.isObject()) throw new BadRequest("the body must be a JSON object of field names and values");
            body.fields().forEachRemaining(e -> {
                if (!e.getValue().isContainerNode())
                    values.put(e.getKey(), e.getValue().asText());
            });
        } catch (JsonProcessingException e) {
            throw new BadRequest("the body is not valid JSON");
        }
        String forwarded = request.header("X-Forwarded-For");
        String client = forwarded == null ? "unknown" : forwarded.split(",")[0].strip();
        Map<String, String> headers = new java.util.LinkedHashMap<>(cors);
        headers.put(HttpApiResponse.CONTENT_TYPE, HttpApiResponse.JSON);
        try {
            return new HttpApiResponse(202, Json.write(forms.get().submit(formId, origin, client, values)), headers);
        } catch (FormSubmissions.TooManySubmissions e) {
            return new HttpApiResponse(
                    429, "{\"error\":\"too_many_requests\",\"message\":\"" + e.getMessage() + "\"}", headers);
        } catch (RequestRefused refused) {
            HttpApiResponse mapped = HttpErrorMapper.toResponse(refused);
            return new HttpApiResponse(mapped.status(), mapped.body(), headers);
        }
    }

    /** The API's own origin as the client called it (Host and X-Forwarded-Proto). */
    private static String origin(HttpApiRequest request) {
        String proto = request.header("X-Forwarded-Proto");
        String host = request.header("Host");
        return (proto == null ? "https" : proto) + "://" + (host == null ? "localhost" : host);
    }

    /** The first-party cookie that keeps an anonymous visitor's key across scans (a random id, no personal data). */
    static final String VISITOR_COOKIE = "attimo_v";

    /**
     * A QR code's scan: logged as qr.scanned for its touchpoint, then a 302 to its allow-listed target (the variant's,
     * when an experiment tests the touchpoint; an anonymous visitor's key then kept in a cookie for a year).
     */
    private HttpApiResponse scan(HttpApiRequest request) {
        String customer = null;
        String raw = request.rawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.startsWith("c=")) customer = pair.substring(2);
            }
        }
        QrScans.Scan scan = qr.get().scan(request.pathParameter("code"), customer, cookie(request, VISITOR_COOKIE));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Location", scan.target());
        headers.put("Cache-Control", "no-store");
        if (scan.visitor() != null) {
            headers.put(
                    "Set-Cookie",
                    VISITOR_COOKIE + "=" + scan.visitor()
                            + "; Max-Age=31536000; Path=/q; Secure; HttpOnly; SameSite=Lax");
        }
        return new HttpApiResponse(302, "", headers);
    }

    /** A cookie's value from the Cookie header (API Gateway's cookies come back as one), or null. */
    private static String cookie(HttpApiRequest request, String name) {
        String header = request.header("Cookie");
        if (header == null) return null;
        for (String pair : header.split(";")) {
            String p = pair.strip();
            if (p.startsWith(name + "=")) return p.substring(name.length() + 1);
        }
        return null;
    }
}
