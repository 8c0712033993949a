package it.attimo.sfn;

/** Same meaning as the Step Functions API error of the same name. */
public final class ExecutionAlreadyExistsException extends RuntimeException {
    public ExecutionAlreadyExistsException(String message) {
        super(message);
    }
}
