package it.attimo.function.insights;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.aws.http.HttpApiResponse;
import it.attimo.aws.http.ProfileViewJson;
import it.attimo.aws.lambda.HttpApiHandler;
import it.attimo.core.analytics.AnalyticsQueries;
import it.attimo.core.profile.ProfileQueries;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /profiles/{customerId}} and {@code GET /kpis/onboarding}: API Gateway HTTP event → {@link ProfileQueries}
 * → response; {@code GET /insights/rfm|clusters|clv|churn}: the latest analytics refresh through
 * {@link AnalyticsQueries}, JSON or CSV.
 */
public class InsightsHandler extends HttpApiHandler {
    @Inject
    ProfileQueries queries;

    @Inject
    AnalyticsQueries analytics;

    public InsightsHandler() {}

    public InsightsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Map<String, Function<HttpApiRequest, HttpApiResponse>> routes() {
        return Map.of(
                "GET /insights/rfm",
                request -> answer(analytics.rfm(request.rawQuery(), request.header("Accept"))),
                "GET /insights/clusters",
                request -> answer(analytics.clusters(request.rawQuery(), request.header("Accept"))),
                "GET /insights/clv",
                request -> answer(analytics.clv(request.rawQuery(), request.header("Accept"))),
                "GET /insights/churn",
                request -> answer(analytics.churn(request.rawQuery(), request.header("Accept"))),
                "GET /profiles/{customerId}",
                request -> HttpApiResponse.json(
                        200,
                        ProfileViewJson.toJson(queries.profile(request.pathParameter("customerId")))
                                .toString()),
                "GET /kpis/onboarding",
                request -> HttpApiResponse.json(200, queries.onboardingKpis().toString()));
    }

    private static HttpApiResponse answer(AnalyticsQueries.Answer answer) {
        if (!answer.csv()) return HttpApiResponse.json(200, answer.body());
        return new HttpApiResponse(
                200,
                answer.body(),
                Map.of(
                        HttpApiResponse.CONTENT_TYPE,
                        answer.contentType(),
                        "Content-Disposition",
                        "attachment; filename=\"" + answer.filename() + "\""));
    }
}
