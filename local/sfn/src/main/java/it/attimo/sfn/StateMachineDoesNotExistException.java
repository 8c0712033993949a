package it.attimo.sfn;

/** Same meaning as the Step Functions API error of the same name. */
public final class StateMachineDoesNotExistException extends RuntimeException {
    public StateMachineDoesNotExistException(String message) {
        super(message);
    }
}
