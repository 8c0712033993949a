package it.attimo.core.error;

/** The request is well formed but conflicts with the current state (what is pending, what exists); it names it. */
public final class Conflict extends RequestRefused {
    public static final String CODE = "conflict";

    public Conflict(String message) {
        super(CODE, message);
    }
}
