package it.attimo.core.error;

/** The request's signature is missing, malformed, stale or forged, or no secret is configured to check it. */
public final class InvalidSignature extends RequestRefused {
    public static final String CODE = "unauthorized";

    public InvalidSignature(String message) {
        super(CODE, message);
    }
}
