package it.attimo.sfn;

/** Same meaning as the Step Functions API error of the same name. */
public final class TaskTimedOutException extends RuntimeException {
    public TaskTimedOutException(String message) {
        super(message);
    }
}
