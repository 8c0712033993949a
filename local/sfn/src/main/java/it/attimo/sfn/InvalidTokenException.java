package it.attimo.sfn;

/** Same meaning as the Step Functions API error of the same name. */
public final class InvalidTokenException extends RuntimeException {
    public InvalidTokenException(String message) {
        super(message);
    }
}
