package it.attimo.core.error;

/** The caller is known (or holds a link) but may not do this: a tray link used on another party's section. */
public final class Forbidden extends RequestRefused {
    public static final String CODE = "forbidden";

    public Forbidden(String message) {
        super(CODE, message);
    }
}
