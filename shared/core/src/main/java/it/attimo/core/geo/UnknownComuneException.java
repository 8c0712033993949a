package it.attimo.core.geo;

/** A comune code or name that the directory does not know. */
public class UnknownComuneException extends IllegalArgumentException {
    public UnknownComuneException(String message) {
        super(message);
    }
}
