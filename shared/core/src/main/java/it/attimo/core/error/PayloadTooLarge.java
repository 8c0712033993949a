package it.attimo.core.error;

/** The body, or the number of items in it, is over a limit. */
public final class PayloadTooLarge extends RequestRefused {
    public static final String CODE = "payload_too_large";

    public PayloadTooLarge(String message) {
        super(CODE, message);
    }
}
