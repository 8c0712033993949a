package it.attimo.function.insights;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.aws.http.HttpApiResponse;
import it.attimo.aws.http.PrivacyHttp;
import it.attimo.aws.http.ProfileViewJson;
import it.attimo.aws.lambda.HttpApiHandler;
import it.attimo.core.analytics.AnalyticsQueries;
import it.attimo.core.experiment.ExperimentReports;
import it.attimo.core.insights.CustomerInsights;
import it.attimo.core.insights.InsightsReports;
import it.attimo.core.insights.JourneyInsights;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.message.SupportQr;
import it.attimo.core.privacy.PersonalDataExport;
import it.attimo.core.profile.ProfileQueries;
import it.attimo.core.profile.ProfileView;
import it.attimo.core.touchpoint.TouchpointReport;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The read endpoints: {@code GET /profiles/{customerId}} and {@code GET /kpis/onboarding} ({@link ProfileQueries}),
 * {@code GET /profiles/{customerId}/export} (signed; {@link PersonalDataExport}),
 * {@code GET /experiments[/{experimentId}]} ({@link ExperimentReports}), {@code GET /insights/rfm|clusters|clv|churn}
 * (the latest analytics refresh through {@link AnalyticsQueries}, JSON or CSV), {@code GET /insights/journeys[/{journey}[
 * /states/{state}/customers]]} (the journey map, {@link JourneyInsights}), {@code GET /insights/customers/{customerId}}
 * (the customer view, {@link CustomerInsights}), {@code GET /insights/overview|heatmap|alerts} (the dashboard over the refresh's
 * day rows, {@link InsightsReports}), {@code GET /touchpoints} (the touchpoint inventory, watched, JSON or CSV:
 * {@link TouchpointReport}), and {@code GET /qr/support.png}, the
 * support QR code the post-purchase welcome links to (public: it encodes the public support page, nothing about a
 * customer).
 */
public class InsightsHandler extends HttpApiHandler {
    @Inject
    ProfileQueries queries;

    @Inject
    MessageRenderer messages;

    @Inject
    PersonalDataExport export;

    @Inject
    ExperimentReports experiments;

    @Inject
    AnalyticsQueries analytics;

    @Inject
    JourneyInsights journeys;

    @Inject
    CustomerInsights customers;

    @Inject
    InsightsReports reports;

    private volatile byte[] supportQr;

    @Inject
    TouchpointReport touchpoints;

    public InsightsHandler() {}

    public InsightsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Map<String, Function<HttpApiRequest, HttpApiResponse>> routes() {
        Map<String, Function<HttpApiRequest, HttpApiResponse>> routes = new LinkedHashMap<>();
        routes.put("GET /profiles/{customerId}", request -> {
            ProfileView view = queries.profile(request.pathParameter("customerId"));
            ObjectNode body = ProfileViewJson.toJson(view);
            // the churn rule's fields as before, the analytics refresh's model beside them (null before a refresh)
            ObjectNode churn = (ObjectNode) body.get("churn");
            churn.set("model", customers.model(view.profile().customerId()));
            return HttpApiResponse.json(200, body.toString());
        });
        routes.put("GET /profiles/{customerId}/export", request -> PrivacyHttp.export(export, request));
        routes.put(
                "GET /kpis/onboarding",
                request -> HttpApiResponse.json(200, queries.onboardingKpis().toString()));
        routes.put(
                "GET /experiments",
                request -> HttpApiResponse.json(200, experiments.all().toString()));
        routes.put(
                "GET /experiments/{experimentId}",
                request -> HttpApiResponse.json(
                        200,
                        experiments.one(request.pathParameter("experimentId")).toString()));
        routes.put("GET /insights/rfm", request -> answer(analytics.rfm(request.rawQuery(), request.header("Accept"))));
        routes.put(
                "GET /insights/clusters",
                request -> answer(analytics.clusters(request.rawQuery(), request.header("Accept"))));
        routes.put("GET /insights/clv", request -> answer(analytics.clv(request.rawQuery(), request.header("Accept"))));
        routes.put(
                "GET /insights/churn",
                request -> answer(analytics.churn(request.rawQuery(), request.header("Accept"))));
        routes.put(
                "GET /insights/journeys",
                request -> answer(journeys.journeys(request.rawQuery(), request.header("Accept"))));
        routes.put(
                "GET /insights/journeys/{journey}",
                request -> answer(journeys.journey(
                        request.pathParameter("journey"), request.rawQuery(), request.header("Accept"))));
        routes.put(
                "GET /insights/journeys/{journey}/states/{state}/customers",
                request -> answer(journeys.customersInState(
                        request.pathParameter("journey"),
                        request.pathParameter("state"),
                        request.rawQuery(),
                        request.header("Accept"))));
        routes.put(
                "GET /insights/customers/{customerId}",
                request -> answer(customers.customer(
                        request.pathParameter("customerId"), request.rawQuery(), request.header("Accept"))));
        routes.put(
                "GET /insights/overview",
                request -> answer(reports.overview(request.rawQuery(), request.header("Accept"))));
        routes.put(
                "GET /insights/alerts",
                request -> answer(reports.alerts(request.rawQuery(), request.header("Accept"))));
        routes.put(
                "GET /insights/heatmap",
                request -> answer(reports.heatmap(request.rawQuery(), request.header("Accept"))));
        routes.put("GET /qr/support.png", request -> HttpApiResponse.binary(200, supportQr(), "image/png"));
        routes.put(
                "GET /touchpoints",
                request -> answer(touchpoints.answer(request.rawQuery(), request.header("Accept"))));
        return routes;
    }

    private byte[] supportQr() {
        byte[] png = supportQr;
        if (png == null) {
            png = SupportQr.png(messages.supportQrTarget(), SupportQr.DEFAULT_SIZE);
            supportQr = png;
        }
        return png;
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
