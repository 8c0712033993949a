package it.attimo.core.error;

/** The body is declared in a format the use case does not read. */
public final class UnsupportedMediaType extends RequestRefused {
    public static final String CODE = "unsupported_media_type";

    public UnsupportedMediaType(String message) {
        super(CODE, message);
    }
}
