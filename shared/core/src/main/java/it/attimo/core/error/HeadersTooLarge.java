package it.attimo.core.error;

/** The request line and headers are over the HTTP API's limit (431; API Gateway enforces it on AWS). */
public final class HeadersTooLarge extends RequestRefused {
    public static final String CODE = "request_header_fields_too_large";

    public HeadersTooLarge(String message) {
        super(CODE, message);
    }
}
