package it.attimo.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.aws.http.HttpApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayMappingTest {
    static APIGatewayV2HTTPEvent event(String stage, String rawPath, String query, String body, boolean base64) {
        Map<String, String> headers = new HashMap<>();
        headers.put("host", "abc123.execute-api.eu-south-1.amazonaws.com");
        headers.put("x-hubspot-signature-v3", "sig");
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST " + rawPath)
                .withRawPath(rawPath)
                .withRawQueryString(query)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withPathParameters(Map.of("customerId", "c-1"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withStage(stage)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .withPath(rawPath)
                                .build())
                        .build())
                .build();
    }

    @Test
    void rebuildsTheUrlTheCallerUsedIncludingTheQueryString() {
        HttpApiRequest r =
                ApiGatewayMapping.toRequest(event("$default", "/webhooks/hubspot", "portal=1&x=%3A", "[]", false));
        assertThat(r.url())
                .isEqualTo("https://abc123.execute-api.eu-south-1.amazonaws.com/webhooks/hubspot?portal=1&x=%3A");
        assertThat(r.path()).isEqualTo("/webhooks/hubspot");
        assertThat(r.rawQuery()).isEqualTo("portal=1&x=%3A");
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.header("X-HubSpot-Signature-V3")).isEqualTo("sig");
        assertThat(r.pathParameter("customerId")).isEqualTo("c-1");
        assertThat(r.routeKey()).isEqualTo("POST /webhooks/hubspot");
    }

    @Test
    void theRouteKeyComesFromTheRequestContextWhenTheEventHasNone() {
        APIGatewayV2HTTPEvent e = event("$default", "/events", "", "{}", false);
        e.setRouteKey(null);
        e.getRequestContext().setRouteKey("POST /events");
        assertThat(ApiGatewayMapping.toRequest(e).routeKey()).isEqualTo("POST /events");
    }

    @Test
    void theSchemeFollowsXForwardedProtoSoALocalHttpCallerCanSignItsOwnUrl() {
        APIGatewayV2HTTPEvent local = event("$default", "/webhooks/hubspot", null, "[]", false);
        local.getHeaders().put("host", "127.0.0.1:8080");
        local.getHeaders().put("x-forwarded-proto", "http");
        assertThat(ApiGatewayMapping.toRequest(local).url()).isEqualTo("http://127.0.0.1:8080/webhooks/hubspot");
        local.getHeaders().put("x-forwarded-proto", "https");
        assertThat(ApiGatewayMapping.toRequest(local).url()).isEqualTo("https://127.0.0.1:8080/webhooks/hubspot");
    }

    @Test
    void aNamedStageStaysInTheUrlButNotInTheRoutePath() {
        HttpApiRequest r = ApiGatewayMapping.toRequest(event("prod", "/prod/events", "", "{}", false));
        assertThat(r.url()).isEqualTo("https://abc123.execute-api.eu-south-1.amazonaws.com/prod/events");
        assertThat(r.path()).isEqualTo("/events");
        assertThat(r.rawQuery()).isNull();
    }

    @Test
    void decodesABase64BodyToTheExactBytesThatWereSigned() {
        byte[] raw = "{\"città\":\"Forlì\"}".getBytes(StandardCharsets.UTF_8);
        HttpApiRequest r = ApiGatewayMapping.toRequest(
                event("$default", "/events", "", Base64.getEncoder().encodeToString(raw), true));
        assertThat(r.body()).isEqualTo(raw);
        assertThat(ApiGatewayMapping.toRequest(event("$default", "/events", "", "{\"a\":1}", false))
                        .bodyText())
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void cookiesComeBackAsACookieHeader() {
        APIGatewayV2HTTPEvent e = event("$default", "/events", "", null, false);
        e.setCookies(List.of("a=1", "b=2"));
        assertThat(ApiGatewayMapping.toRequest(e).header("Cookie")).isEqualTo("a=1; b=2");
        assertThat(ApiGatewayMapping.toRequest(e).body()).isEmpty();
    }

    @Test
    void theResponseKeepsStatusBodyAndHeaders() {
        APIGatewayV2HTTPResponse r = ApiGatewayMapping.toResponse(HttpApiResponse.json(202, "{\"accepted\":1}"));
        assertThat(r.getStatusCode()).isEqualTo(202);
        assertThat(r.getBody()).isEqualTo("{\"accepted\":1}");
        assertThat(r.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(r.getIsBase64Encoded()).isFalse();
    }
}
