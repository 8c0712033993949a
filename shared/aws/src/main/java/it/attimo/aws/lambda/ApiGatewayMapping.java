package it.attimo.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.aws.http.HttpApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway HTTP API (payload 2.0) events to {@link HttpApiRequest} and back.
 *
 * <ul>
 *   <li>{@code url} is the URL the client called, rebuilt as {@code <scheme>://<Host><rawPath>[?rawQueryString]}, the
 *   scheme from {@code X-Forwarded-Proto} (API Gateway sends https; the local server http), https when absent: with a
 *   named stage rawPath starts with the stage, exactly as in the caller's URL, which HubSpot's v3 signature covers.</li>
 *   <li>{@code path} is the route path, without a named stage's prefix; {@code routeKey} the route API Gateway
 *   matched, which is what a handler dispatches on.</li>
 *   <li>the body is base64-decoded when API Gateway encoded it; cookies (sent apart in 2.0) return as a Cookie header.</li>
 * </ul>
 */
public final class ApiGatewayMapping {
    private ApiGatewayMapping() {}

    public static HttpApiRequest toRequest(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) headers.putAll(event.getHeaders());
        List<String> cookies = event.getCookies();
        if (cookies != null && !cookies.isEmpty() && !containsIgnoreCase(headers, "cookie")) {
            headers.put("cookie", String.join("; ", cookies));
        }
        String method = method(event);
        String rawPath = event.getRawPath() == null ? "/" : event.getRawPath();
        String rawQuery =
                event.getRawQueryString() == null || event.getRawQueryString().isEmpty()
                        ? null
                        : event.getRawQueryString();
        return new HttpApiRequest(
                method,
                routeKey(event),
                routePath(rawPath, stage(event)),
                rawQuery,
                headers,
                body(event),
                url(headers, rawPath, rawQuery),
                event.getPathParameters());
    }

    public static APIGatewayV2HTTPResponse toResponse(HttpApiResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(new LinkedHashMap<>(response.headers()))
                .withBody(response.body())
                .withIsBase64Encoded(response.base64())
                .build();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context != null && context.getHttp() != null && context.getHttp().getMethod() != null) {
            return context.getHttp().getMethod();
        }
        String routeKey = event.getRouteKey();
        if (routeKey != null && routeKey.contains(" ")) return routeKey.substring(0, routeKey.indexOf(' '));
        return "GET";
    }

    private static String routeKey(APIGatewayV2HTTPEvent event) {
        if (event.getRouteKey() != null) return event.getRouteKey();
        return event.getRequestContext() == null
                ? null
                : event.getRequestContext().getRouteKey();
    }

    private static String stage(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null
                ? null
                : event.getRequestContext().getStage();
    }

    static String routePath(String rawPath, String stage) {
        if (stage == null || stage.isEmpty() || stage.equals("$default")) return rawPath;
        String prefix = "/" + stage;
        if (rawPath.equals(prefix)) return "/";
        return rawPath.startsWith(prefix + "/") ? rawPath.substring(prefix.length()) : rawPath;
    }

    static String url(Map<String, String> headers, String rawPath, String rawQuery) {
        String host = headerIgnoreCase(headers, "host");
        String proto = headerIgnoreCase(headers, "x-forwarded-proto");
        String scheme = "http".equalsIgnoreCase(proto == null ? null : proto.trim()) ? "http" : "https";
        String base = scheme + "://" + (host == null ? "localhost" : host) + rawPath;
        return rawQuery == null ? base : base + "?" + rawQuery;
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) return new byte[0];
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    private static String headerIgnoreCase(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return null;
    }

    private static boolean containsIgnoreCase(Map<String, String> headers, String name) {
        return headerIgnoreCase(headers, name) != null;
    }
}
