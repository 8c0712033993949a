package it.attimo.function.insights;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.aws.http.HttpApiResponse;
import it.attimo.aws.http.PrivacyHttp;
import it.attimo.aws.http.ProfileViewJson;
import it.attimo.aws.lambda.HttpApiHandler;
import it.attimo.core.privacy.PersonalDataExport;
import it.attimo.core.profile.ProfileQueries;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /profiles/{customerId}}, {@code GET /profiles/{customerId}/export} (signed) and {@code GET /kpis/onboarding}: API Gateway HTTP event → {@link ProfileQueries}
 * → response.
 */
public class InsightsHandler extends HttpApiHandler {
    @Inject
    ProfileQueries queries;

    @Inject
    PersonalDataExport export;

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
                "GET /profiles/{customerId}/export",
                request -> PrivacyHttp.export(export, request),
                "GET /kpis/onboarding",
                request -> HttpApiResponse.json(200, queries.onboardingKpis().toString()));
    }
}
