package it.attimo.aws.http;

import java.util.Base64;
import java.util.Map;

/**
 * A response of the HTTP API: status, body (JSON, HTML, or the base64 of binary content when {@code base64Encoded}),
 * headers. A binary body (an image, a PDF) travels base64-encoded, as API Gateway expects it.
 */
public record HttpApiResponse(int status, String body, Map<String, String> headers, boolean base64Encoded) {
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String JSON = "application/json";

    public HttpApiResponse {
        headers = headers == null ? Map.of(CONTENT_TYPE, JSON) : Map.copyOf(headers);
    }

    /** A text body. */
    public HttpApiResponse(int status, String body, Map<String, String> headers) {
        this(status, body, headers, false);
    }

    public static HttpApiResponse json(int status, String body) {
        return new HttpApiResponse(status, body, Map.of(CONTENT_TYPE, JSON));
    }

    /** A binary body of {@code contentType}, cacheable for a day. */
    public static HttpApiResponse binary(int status, byte[] body, String contentType) {
        return new HttpApiResponse(
                status,
                Base64.getEncoder().encodeToString(body),
                Map.of(CONTENT_TYPE, contentType, "Cache-Control", "public, max-age=86400"),
                true);
    }

    /** Binary content (a PDF) with its own headers: API Gateway decodes the base64 body before answering. */
    public static HttpApiResponse binary(int status, byte[] content, Map<String, String> headers) {
        return new HttpApiResponse(status, Base64.getEncoder().encodeToString(content), headers, true);
    }
}
