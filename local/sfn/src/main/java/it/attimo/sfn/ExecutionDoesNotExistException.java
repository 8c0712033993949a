package it.attimo.sfn;

/** Same meaning as the Step Functions API error of the same name. */
public final class ExecutionDoesNotExistException extends RuntimeException {
    public ExecutionDoesNotExistException(String message) {
        super(message);
    }
}
