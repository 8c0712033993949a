package it.attimo.aws.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request to the HTTP API as the adapters see it, whatever carried it (API Gateway, the local server). Header names
 * are case-insensitive. {@code routeKey} is the route API Gateway matched ({@code "GET /profiles/{customerId}"}),
 * {@code path} the route path without a named stage's prefix, {@code url} the full URL the client called (scheme,
 * host, path, query), which HubSpot's signatures cover.
 */
public record HttpApiRequest(
        String method,
        String routeKey,
        String path,
        String rawQuery,
        Map<String, String> headers,
        byte[] body,
        String url,
        Map<String, String> pathParameters) {

    public HttpApiRequest {
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) h.putAll(headers);
        headers = h;
        body = body == null ? new byte[0] : body;
        method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }
}
