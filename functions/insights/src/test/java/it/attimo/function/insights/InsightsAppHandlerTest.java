package it.attimo.function.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import it.attimo.core.port.AnalyticsStore;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.ExperimentStore;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.TemporalModelStore;
import it.attimo.core.testing.InMemoryAnalyticsStore;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryCustomerScan;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryExperimentStore;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryTemporalModelStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InsightsAppHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-23T02:30:00Z");
    static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    ApplicationContext ctx;

    @BeforeEach
    void start() {
        ctx = ApplicationContext.builder()
                .properties(Map.of("attimo.table.prefix", "test", "attimo.public.base-url", "https://negozio.example"))
                .build();
        InMemoryProfileStore profiles = new InMemoryProfileStore();
        InMemoryEventLog log = new InMemoryEventLog();
        ctx.registerSingleton(ProfileStore.class, profiles);
        ctx.registerSingleton(ContactStore.class, new InMemoryContactStore());
        ctx.registerSingleton(CustomerScan.class, new InMemoryCustomerScan(profiles, log));
        ctx.registerSingleton(TemporalModelStore.class, new InMemoryTemporalModelStore());
        ctx.registerSingleton(AnalyticsStore.class, new InMemoryAnalyticsStore());
        ctx.registerSingleton(Clock.class, Clock.fixed(NOW, ZoneOffset.UTC));
        ctx.registerSingleton(ExperimentStore.class, new InMemoryExperimentStore());
        ctx.registerSingleton(MessageLedger.class, new InMemoryMessageLedger());
        ctx.registerSingleton(EventLog.class, log);
        ctx.start();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void servesThePageAtTheRootAndAtAppWithNoTokenLocally() {
        InsightsAppHandler handler = new InsightsAppHandler(ctx, Map.of());
        for (String path : new String[] {"/", "/app"}) {
            APIGatewayV2HTTPResponse page = handler.handleRequest(get(path, path, null, null), null);
            assertThat(page.getStatusCode()).isEqualTo(200);
            assertThat(page.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8");
            assertThat(page.getHeaders().get("Content-Security-Policy")).contains("default-src 'self'");
            assertThat(page.getBody())
                    .contains("<html lang=\"it\">", "src=\"app/app.js\"", "src=\"app/echarts.min.js\"")
                    .contains("name=\"attimo-api-base\" content=\"\"")
                    .doesNotContain("{{");
        }
    }

    @Test
    void onAwsThePageCarriesTheTokenToItsAssetsAndNamesTheGatewayWay() {
        InsightsAppHandler handler = new InsightsAppHandler(
                ctx,
                Map.of(
                        "ATTIMO_APP_API_BASE",
                        "/app/api",
                        "ATTIMO_APP_LOGIN_URL",
                        "https://x.auth.eu-south-1.amazoncognito.com/login?a=1&b=\"2\""));
        String page = handler.handleRequest(get("/app", "/app", "access_token=" + JWT, null), null)
                .getBody();
        assertThat(page)
                .contains("src=\"app/app.js?access_token=" + JWT + "\"")
                .contains("content=\"/app/api\"")
                .contains("login?a=1&amp;b=&quot;2&quot;");
        // anything but a JWT's characters is not echoed into the page
        String forged = handler.handleRequest(
                        get("/app", "/app", "access_token=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", null), null)
                .getBody();
        assertThat(forged).doesNotContain("alert(1)").contains("src=\"app/app.js\"");
    }

    @Test
    void servesItsAssetsAndEchartsFromTheClasspathAndNothingElse() {
        InsightsAppHandler handler = new InsightsAppHandler(ctx, Map.of());
        APIGatewayV2HTTPResponse echarts =
                handler.handleRequest(get("/app/{asset}", "/app/echarts.min.js", null, "echarts.min.js"), null);
        assertThat(echarts.getStatusCode()).isEqualTo(200);
        assertThat(echarts.getHeaders()).containsEntry("Content-Type", "text/javascript; charset=utf-8");
        assertThat(echarts.getBody()).hasSizeGreaterThan(500_000).contains("echarts");
        assertThat(handler.handleRequest(get("/app/{asset}", "/app/app.css", null, "app.css"), null)
                        .getHeaders())
                .containsEntry("Content-Type", "text/css; charset=utf-8");
        for (String name : new String[] {"index.html", "..%2Fpom.xml", "InsightsAppHandler.class"}) {
            APIGatewayV2HTTPResponse missing =
                    handler.handleRequest(get("/app/{asset}", "/app/" + name, null, name), null);
            assertThat(missing.getStatusCode()).as(name).isEqualTo(404);
        }
    }

    @Test
    void theBrowsersWayToTheReadRoutesAnswersWhatTheRouteAnswers() {
        InsightsAppHandler handler = new InsightsAppHandler(ctx, Map.of());
        APIGatewayV2HTTPResponse direct = handler.handleRequest(get("/experiments", "/experiments", null, null), null);
        APIGatewayV2HTTPResponse through = handler.handleRequest(
                get("/app/api", "/app/api", "path=%2Fexperiments&access_token=" + JWT, null), null);
        assertThat(through.getStatusCode()).isEqualTo(200);
        assertThat(through.getBody()).isEqualTo(direct.getBody());
        // path parameters are read from the path it names
        APIGatewayV2HTTPResponse unknown =
                handler.handleRequest(get("/app/api", "/app/api", "path=/experiments/nope", null), null);
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("nope");
        // the query is passed on, less path and access_token
        APIGatewayV2HTTPResponse csv = handler.handleRequest(
                get("/app/api", "/app/api", "path=/experiments&format=csv&access_token=" + JWT, null), null);
        assertThat(csv.getHeaders().get("Content-Type")).startsWith("text/csv");
        // never the signed export, never the app itself, and a path is required
        assertThat(handler.handleRequest(get("/app/api", "/app/api", "path=/profiles/c-1/export", null), null)
                        .getStatusCode())
                .isEqualTo(404);
        assertThat(handler.handleRequest(get("/app/api", "/app/api", "path=/app/api", null), null)
                        .getStatusCode())
                .isEqualTo(400);
        assertThat(handler.handleRequest(get("/app/api", "/app/api", null, null), null)
                        .getStatusCode())
                .isEqualTo(400);
    }

    @Test
    void theTouchpointInventoryReachesTheAppThroughItsWayAsJsonAndCsv() {
        InsightsAppHandler handler = new InsightsAppHandler(ctx, Map.of());
        APIGatewayV2HTTPResponse direct = handler.handleRequest(get("/touchpoints", "/touchpoints", null, null), null);
        assertThat(direct.getStatusCode()).isEqualTo(200);
        assertThat(direct.getBody()).contains("\"touchpoints\":[", "\"to\":\"" + NOW + "\"");
        APIGatewayV2HTTPResponse through =
                handler.handleRequest(get("/app/api", "/app/api", "path=/touchpoints&access_token=" + JWT, null), null);
        assertThat(through.getBody()).isEqualTo(direct.getBody());
        APIGatewayV2HTTPResponse csv = handler.handleRequest(
                get("/app/api", "/app/api", "path=/touchpoints&from=2026-11-01T00:00:00Z&format=csv", null), null);
        assertThat(csv.getStatusCode()).isEqualTo(200);
        assertThat(csv.getHeaders())
                .containsEntry("Content-Type", "text/csv; charset=utf-8")
                .containsEntry("Content-Disposition", "attachment; filename=\"touchpoints.csv\"");
        String[] lines = csv.getBody().split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", it.attimo.core.touchpoint.TouchpointReport.CSV_COLUMNS));
        // the bundled inventory, nothing received: every touchpoint is silent
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(lines[1]).contains(",2026-11-01T00:00:00Z," + NOW + ",0,", ",alert,silent,");
        APIGatewayV2HTTPResponse bad =
                handler.handleRequest(get("/app/api", "/app/api", "path=/touchpoints&from=ieri", null), null);
        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(bad.getBody()).contains("from must be an ISO-8601 instant");
    }

    @Test
    void experimentsAnswerCsvOneLinePerArm() {
        InsightsAppHandler handler = new InsightsAppHandler(ctx, Map.of());
        APIGatewayV2HTTPResponse csv =
                handler.handleRequest(get("/experiments", "/experiments", "format=csv", null), null);
        assertThat(csv.getStatusCode()).isEqualTo(200);
        assertThat(csv.getHeaders())
                .containsEntry("Content-Type", "text/csv; charset=utf-8")
                .containsEntry("Content-Disposition", "attachment; filename=\"experiments.csv\"");
        String[] lines = csv.getBody().split("\r\n");
        assertThat(lines[0])
                .isEqualTo("experiment,journey,step,status,metric,arm,assigned,converted,rate,lift,pValue,winner");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lines[1]).startsWith("tutorial-timing,post-purchase,tutorial,running,");
        assertThat(handler.handleRequest(get("/experiments", "/experiments", "format=xml", null), null)
                        .getStatusCode())
                .isEqualTo(400);
        assertThat(handler.handleRequest(get("/experiments", "/experiments", null, null), null)
                        .getBody())
                .startsWith("[");
    }

    @Test
    void theSignInPageMovesTheTokenFromTheFragmentWithAScriptItsPolicyAllowsByHash() throws Exception {
        InsightsAppHandler handler = new InsightsAppHandler(ctx, Map.of("ATTIMO_APP_LOGIN_URL", "https://login"));
        APIGatewayV2HTTPResponse page = handler.handleRequest(get("/app/login", "/app/login", null, null), null);
        assertThat(page.getStatusCode()).isEqualTo(200);
        Matcher script = Pattern.compile("<script>(.*)</script>").matcher(page.getBody());
        assertThat(script.find()).isTrue();
        String hash = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(script.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(page.getHeaders().get("Content-Security-Policy")).contains("'sha256-" + hash + "'");
        assertThat(page.getBody()).contains("content=\"https://login\"", "access_token");
    }

    static APIGatewayV2HTTPEvent get(String routePath, String rawPath, String rawQuery, String asset) {
        APIGatewayV2HTTPEvent event = InsightsHandlerTest.routed("GET", routePath, rawPath, null);
        event.setRawQueryString(rawQuery);
        event.setPathParameters(asset == null ? null : Map.of("asset", asset));
        return event;
    }
}
