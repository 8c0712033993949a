package it.attimo.core.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as the core sees it, whatever carried it (API Gateway, the local server).
 * Header names are case-insensitive. {@code url} is the full URL the client called (scheme, host, path, query),
 * needed by HubSpot's v3 signature.
 */
public record ApiRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, String> headers,
        byte[] body,
        String url,
        Map<String, String> pathParameters) {

    public ApiRequest {
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
