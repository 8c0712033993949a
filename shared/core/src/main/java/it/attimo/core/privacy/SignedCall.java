package it.attimo.core.privacy;

/**
 * A call without a body on a personal-data route, with what its Attimo signature covers: method and path (as sent,
 * no query string), and the {@code X-Attimo-Timestamp} / {@code X-Attimo-Signature} header values.
 */
public record SignedCall(String method, String path, String timestamp, String signature) {}
