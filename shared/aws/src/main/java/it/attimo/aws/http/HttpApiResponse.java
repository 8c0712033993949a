package it.attimo.aws.http;

import java.util.Base64;
import java.util.Map;

/** A response of the HTTP API: status, body (JSON, HTML, or base64 of binary content when {@code base64}), headers. */
public record HttpApiResponse(int status, String body, Map<String, String> headers, boolean base64) {
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String JSON = "application/json";

    public HttpApiResponse {
        headers = headers == null ? Map.of(CONTENT_TYPE, JSON) : Map.copyOf(headers);
    }

    public HttpApiResponse(int status, String body, Map<String, String> headers) {
        this(status, body, headers, false);
    }

    public static HttpApiResponse json(int status, String body) {
        return new HttpApiResponse(status, body, Map.of(CONTENT_TYPE, JSON));
    }

    /** Binary content (a PDF): API Gateway decodes the base64 body before answering. */
    public static HttpApiResponse binary(int status, byte[] content, Map<String, String> headers) {
        return new HttpApiResponse(status, Base64.getEncoder().encodeToString(content), headers, true);
    }
}
