package it.attimo.function.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.micronaut.context.ApplicationContext;
import it.attimo.core.customer.Profile;
import it.attimo.core.experiment.ExperimentAssignment;
import it.attimo.core.port.AnalyticsStore;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.ExperimentStore;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.TemporalModelStore;
import it.attimo.core.testing.EngagementHistories;
import it.attimo.core.testing.InMemoryAnalyticsStore;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryCustomerScan;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryExperimentStore;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryTemporalModelStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InsightsHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-23T02:30:00Z");
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryProfileStore scanned = new InMemoryProfileStore();
    final InMemoryEventLog log = new InMemoryEventLog();
    final InMemoryTemporalModelStore models = new InMemoryTemporalModelStore();
    final InMemoryExperimentStore experiments = new InMemoryExperimentStore();
    final InMemoryAnalyticsStore analytics = new InMemoryAnalyticsStore();
    ApplicationContext ctx;

    @BeforeEach
    void start() {
        ctx = ApplicationContext.builder()
                .properties(Map.of("attimo.table.prefix", "test", "attimo.public.base-url", "https://negozio.example"))
                .build();
        ctx.registerSingleton(ProfileStore.class, profiles);
        ctx.registerSingleton(ContactStore.class, new InMemoryContactStore());
        EngagementHistories.seedPopulation(scanned, log, 20, NOW);
        ctx.registerSingleton(CustomerScan.class, new InMemoryCustomerScan(scanned, log));
        ctx.registerSingleton(TemporalModelStore.class, models);
        ctx.registerSingleton(AnalyticsStore.class, analytics);
        ctx.registerSingleton(Clock.class, Clock.fixed(NOW, ZoneOffset.UTC));
        ctx.registerSingleton(ExperimentStore.class, experiments);
        ctx.registerSingleton(MessageLedger.class, new InMemoryMessageLedger());
        ctx.registerSingleton(EventLog.class, new InMemoryEventLog());
        ctx.start();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void returnsTheProfileNamedInThePath() {
        profiles.put(Profile.empty("cust-milano-001").withVersion(3));
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/get-profile.json");

        APIGatewayV2HTTPResponse response = new InsightsHandler(ctx).handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(response.getBody()).contains("\"customerId\":\"cust-milano-001\"");
        // the churn rule's fields as before, and the model beside them (null: no analytics refresh yet)
        assertThat(response.getBody())
                .contains("\"churn\":{\"segment\":\"low\"")
                .contains("\"model\":null");
    }

    /** The fixture as API Gateway would send it for another route or path. */
    static APIGatewayV2HTTPEvent routed(String method, String routeKeyPath, String rawPath, String customerId) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/get-profile.json");
        event.setRouteKey(method + " " + routeKeyPath);
        event.setRawPath(rawPath);
        event.setPathParameters(customerId == null ? null : Map.of("customerId", customerId));
        event.getRequestContext().setRouteKey(method + " " + routeKeyPath);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(rawPath);
        return event;
    }

    @Test
    void theIdIsThePathParameterWhateverTheRawPath() {
        profiles.put(Profile.empty("c-1"));
        profiles.put(Profile.empty("hs-1:2"));
        InsightsHandler handler = new InsightsHandler(ctx);

        APIGatewayV2HTTPEvent staged = routed("GET", "/profiles/{customerId}", "/prod/profiles/c-1/", "c-1");
        staged.getRequestContext().setStage("prod");
        assertThat(handler.handleRequest(staged, null).getStatusCode()).isEqualTo(200);
        assertThat(handler.handleRequest(routed("GET", "/profiles/{customerId}", "/profiles/hs-1%3A2", "hs-1:2"), null)
                        .getBody())
                .contains("\"customerId\":\"hs-1:2\"");
        assertThat(handler.handleRequest(routed("GET", "/profiles/{customerId}", "/profiles/", null), null)
                        .getStatusCode())
                .isEqualTo(404);
    }

    @Test
    void theOnboardingKpis() {
        APIGatewayV2HTTPResponse response = new InsightsHandler(ctx)
                .handleRequest(routed("GET", "/kpis/onboarding", "/kpis/onboarding", null), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"generatedAt\":\"" + NOW + "\"");
    }

    @Test
    void theExperimentsAndOneOfThem() {
        InsightsHandler handler = new InsightsHandler(ctx);
        experiments.assign(new ExperimentAssignment("tutorial-timing", "c-1", "tutorial-12h", false, NOW));

        APIGatewayV2HTTPResponse list =
                handler.handleRequest(routed("GET", "/experiments", "/experiments", null), null);
        assertThat(list.getStatusCode()).isEqualTo(200);
        assertThat(list.getBody())
                .startsWith("[{\"id\":\"tutorial-timing\",\"journey\":\"post-purchase\",\"step\":\"tutorial\",")
                .contains("\"status\":\"running\"")
                .contains("\"name\":\"tutorial-24h\",\"assigned\":0");

        APIGatewayV2HTTPEvent one = routed("GET", "/experiments/{experimentId}", "/experiments/tutorial-timing", null);
        one.setPathParameters(Map.of("experimentId", "tutorial-timing"));
        assertThat(handler.handleRequest(one, null).getBody()).contains("\"minimumSample\":400");
        APIGatewayV2HTTPEvent unknown = routed("GET", "/experiments/{experimentId}", "/experiments/nope", null);
        unknown.setPathParameters(Map.of("experimentId", "nope"));
        APIGatewayV2HTTPResponse missing = handler.handleRequest(unknown, null);
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(missing.getBody()).contains("no experiment 'nope'");
    }

    @Test
    void onlyGetAndOnlyTheseRoutes() {
        InsightsHandler handler = new InsightsHandler(ctx);

        APIGatewayV2HTTPResponse delete =
                handler.handleRequest(routed("DELETE", "/profiles/{customerId}", "/profiles/c-1", "c-1"), null);
        assertThat(delete.getStatusCode()).isEqualTo(405);
        assertThat(delete.getHeaders()).containsEntry("Allow", "GET");
        APIGatewayV2HTTPResponse elsewhere =
                handler.handleRequest(routed("GET", "/elsewhere", "/elsewhere", null), null);
        assertThat(elsewhere.getStatusCode()).isEqualTo(404);
        assertThat(elsewhere.getBody()).contains("\"error\":\"not_found\"");
        assertThat(handler.routeKeys())
                .containsExactlyInAnyOrder(
                        "GET /profiles/{customerId}",
                        "GET /profiles/{customerId}/export",
                        "GET /kpis/onboarding",
                        "GET /experiments",
                        "GET /experiments/{experimentId}",
                        "GET /qr/support.png",
                        "GET /insights/rfm",
                        "GET /insights/clusters",
                        "GET /insights/clv",
                        "GET /insights/churn",
                        "GET /insights/journeys",
                        "GET /insights/journeys/{journey}",
                        "GET /insights/journeys/{journey}/states/{state}/customers",
                        "GET /insights/customers/{customerId}",
                        "GET /insights/overview",
                        "GET /insights/heatmap",
                        "GET /insights/alerts",
                        "GET /touchpoints");
    }

    @Test
    void theSupportQrCodeIsAPngOfThePublicSupportPage() throws Exception {
        InsightsHandler handler = new InsightsHandler(ctx);
        APIGatewayV2HTTPResponse qr =
                handler.handleRequest(routed("GET", "/qr/support.png", "/qr/support.png", null), null);
        assertThat(qr.getStatusCode()).isEqualTo(200);
        assertThat(qr.getIsBase64Encoded()).isTrue();
        assertThat(qr.getHeaders()).containsEntry("Content-Type", "image/png");
        byte[] png = java.util.Base64.getDecoder().decode(qr.getBody());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        String decoded = new com.google.zxing.qrcode.QRCodeReader()
                .decode(new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                        new com.google.zxing.RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
                .getText();
        assertThat(decoded).isEqualTo("https://negozio.example/assistenza?via=qr");
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/get-profile.json");

        APIGatewayV2HTTPResponse response = new InsightsHandler(ctx).handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("\"error\":\"not_found\"");
    }

    @Test
    void theDailyRefreshFitsTheTemporalModelFromEveryCustomersHistoryAndStoresIt() {
        Map<String, Object> result = new RefreshHandler(ctx).handleRequest(Map.of("job", "daily-refresh"), null);

        assertThat(result)
                .containsEntry("job", "daily-refresh")
                .containsEntry("status", "refreshed")
                .containsEntry("customers", 40)
                .containsEntry("events", 20L * 16 + 20L * 28)
                .containsEntry("fittedAt", NOW.toString())
                .containsEntry("experimentsDecided", 0);
        assertThat(result.get("clusterNames"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains("martedì mattina", "tutti i giorni sera");
        assertThat(models.latest())
                .hasValueSatisfying(m -> assertThat(m.customers()).isEqualTo(40));
    }

    @Test
    void anUnknownJobIsRefused() {
        assertThatThrownBy(() -> new RefreshHandler(ctx).handleRequest(Map.of("job", "weekly"), null))
                .hasMessageContaining("unknown job 'weekly'");
        assertThat(models.saves()).isZero();
    }

    @Test
    void theAnalyticsRefreshJobStoresWhatTheInsightsRoutesServeAsJsonOrCsv() {
        InsightsHandler handler = new InsightsHandler(ctx);
        APIGatewayV2HTTPEvent rfm = routed("GET", "/insights/rfm", "/insights/rfm", null);
        APIGatewayV2HTTPResponse before = handler.handleRequest(rfm, null);
        assertThat(before.getStatusCode()).isEqualTo(404);
        assertThat(before.getBody()).contains("not_found").contains("refresh");

        Map<String, Object> result = new RefreshHandler(ctx).handleRequest(Map.of("job", "analytics-refresh"), null);
        assertThat(result)
                .containsEntry("job", "analytics-refresh")
                .containsEntry("status", "refreshed")
                .containsEntry("customers", 40)
                .containsEntry("asOf", NOW.toString());
        assertThat(analytics.saves()).isEqualTo(1);
        assertThat(models.saves()).isZero();

        for (String route : java.util.List.of("rfm", "clusters", "clv", "churn", "overview", "heatmap", "alerts")) {
            APIGatewayV2HTTPResponse json =
                    handler.handleRequest(routed("GET", "/insights/" + route, "/insights/" + route, null), null);
            assertThat(json.getStatusCode()).as(route + ": " + json.getBody()).isEqualTo(200);
            assertThat(json.getHeaders()).containsEntry("Content-Type", "application/json");
            assertThat(json.getBody()).contains("\"generatedAt\":\"" + NOW + "\"");
        }
        APIGatewayV2HTTPEvent csv = routed("GET", "/insights/clusters", "/insights/clusters", null);
        csv.setRawQueryString("format=csv");
        APIGatewayV2HTTPResponse table = handler.handleRequest(csv, null);
        assertThat(table.getStatusCode()).isEqualTo(200);
        assertThat(table.getHeaders())
                .containsEntry("Content-Type", "text/csv; charset=utf-8")
                .containsEntry("Content-Disposition", "attachment; filename=\"clusters.csv\"");
        assertThat(table.getBody()).startsWith("id,size,share,label");
        APIGatewayV2HTTPEvent accept = routed("GET", "/insights/clv", "/insights/clv", null);
        accept.getHeaders().put("accept", "text/csv");
        assertThat(handler.handleRequest(accept, null).getHeaders().get("Content-Type"))
                .startsWith("text/csv");
        APIGatewayV2HTTPEvent bad = routed("GET", "/insights/rfm", "/insights/rfm", null);
        bad.setRawQueryString("limit=0");
        APIGatewayV2HTTPResponse refused = handler.handleRequest(bad, null);
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getBody()).contains("\"error\":\"bad_request\"").contains("limit");
    }

    @Test
    void theCustomerViewAndJourneyMapRoutesAnswerAnd404OnUnknowns() {
        profiles.put(Profile.empty("cust-7").withVersion(1));
        InsightsHandler handler = new InsightsHandler(ctx);
        APIGatewayV2HTTPEvent view =
                routed("GET", "/insights/customers/{customerId}", "/insights/customers/cust-7", null);
        view.setPathParameters(Map.of("customerId", "cust-7"));
        APIGatewayV2HTTPResponse customer = handler.handleRequest(view, null);
        assertThat(customer.getStatusCode()).as(customer.getBody()).isEqualTo(200);
        assertThat(customer.getBody()).contains("\"customerId\":\"cust-7\"").contains("\"timeline\":[]");
        view.setPathParameters(Map.of("customerId", "nobody"));
        assertThat(handler.handleRequest(view, null).getStatusCode()).isEqualTo(404);

        APIGatewayV2HTTPEvent map =
                routed("GET", "/insights/journeys/{journey}", "/insights/journeys/post-purchase", null);
        map.setPathParameters(Map.of("journey", "post-purchase"));
        APIGatewayV2HTTPResponse answer = handler.handleRequest(map, null);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
        assertThat(answer.getBody()).contains("\"startAt\":\"PlanWelcome\"");
        map.setPathParameters(Map.of("journey", "nope"));
        assertThat(handler.handleRequest(map, null).getStatusCode()).isEqualTo(404);
        APIGatewayV2HTTPEvent list = routed("GET", "/insights/journeys", "/insights/journeys", null);
        list.setRawQueryString("format=csv");
        APIGatewayV2HTTPResponse csv = handler.handleRequest(list, null);
        assertThat(csv.getHeaders()).containsEntry("Content-Disposition", "attachment; filename=\"journeys.csv\"");
        list.setRawQueryString("bogus=1");
        assertThat(handler.handleRequest(list, null).getStatusCode()).isEqualTo(400);
    }
}
