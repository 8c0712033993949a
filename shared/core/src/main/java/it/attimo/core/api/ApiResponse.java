package it.attimo.core.api;

import java.util.Map;

/** An HTTP response produced by the core: status, JSON body, extra headers. */
public record ApiResponse(int status, String body, Map<String, String> headers) {
    public ApiResponse {
        headers = headers == null ? Map.of("Content-Type", "application/json") : Map.copyOf(headers);
    }

    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, body, Map.of("Content-Type", "application/json"));
    }
}
