package it.attimo.aws.http;

import java.util.Map;

/** A response of the HTTP API: status, JSON body, headers. */
public record HttpApiResponse(int status, String body, Map<String, String> headers) {
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String JSON = "application/json";

    public HttpApiResponse {
        headers = headers == null ? Map.of(CONTENT_TYPE, JSON) : Map.copyOf(headers);
    }

    public static HttpApiResponse json(int status, String body) {
        return new HttpApiResponse(status, body, Map.of(CONTENT_TYPE, JSON));
    }
}
