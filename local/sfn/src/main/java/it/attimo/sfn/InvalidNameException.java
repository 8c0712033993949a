package it.attimo.sfn;

/** Same meaning as the Step Functions API error InvalidName: an execution name AWS would reject. */
public final class InvalidNameException extends RuntimeException {
    public InvalidNameException(String message) {
        super(message);
    }
}
