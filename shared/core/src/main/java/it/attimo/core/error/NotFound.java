package it.attimo.core.error;

/** What the request names does not exist. */
public final class NotFound extends RequestRefused {
    public static final String CODE = "not_found";

    public NotFound(String message) {
        super(CODE, message);
    }
}
