package it.attimo.function.insights;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.aws.http.HttpApiResponse;
import it.attimo.aws.http.ProfileViewJson;
import it.attimo.aws.lambda.HttpApiHandler;
import it.attimo.core.error.BadRequest;
import it.attimo.core.json.Json;
import it.attimo.core.profile.ProfileQueries;
import it.attimo.core.touchpoint.TouchpointReport;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /profiles/{customerId}} and {@code GET /kpis/onboarding}: API Gateway HTTP event → {@link ProfileQueries}
 * → response.
 */
public class InsightsHandler extends HttpApiHandler {
    @Inject
    ProfileQueries queries;

    @Inject
    TouchpointReport touchpoints;

    public InsightsHandler() {}

    public InsightsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Map<String, Function<HttpApiRequest, HttpApiResponse>> routes() {
        return Map.of(
                "GET /profiles/{customerId}",
                request -> HttpApiResponse.json(
                        200,
                        ProfileViewJson.toJson(queries.profile(request.pathParameter("customerId")))
                                .toString()),
                "GET /kpis/onboarding",
                request -> HttpApiResponse.json(200, queries.onboardingKpis().toString()),
                "GET /touchpoints",
                request -> {
                    Map<String, String> query = query(request.rawQuery());
                    return HttpApiResponse.json(
                            200, Json.write(touchpoints.report(instant(query, "from"), instant(query, "to"))));
                });
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isBlank()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            try {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("the query string is not validly encoded");
            }
        }
        return out;
    }

    private static Instant instant(Map<String, String> query, String name) {
        String v = query.get(name);
        if (v == null || v.isBlank()) return null;
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be an ISO-8601 instant like 2026-06-01T00:00:00Z");
        }
    }
}
