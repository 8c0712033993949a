package it.attimo.core.error;

/** The request is well-formed but not something the use case accepts (wrong shape, empty batch, bad value). */
public final class BadRequest extends RequestRefused {
    public static final String CODE = "bad_request";

    public BadRequest(String message) {
        super(CODE, message);
    }
}
