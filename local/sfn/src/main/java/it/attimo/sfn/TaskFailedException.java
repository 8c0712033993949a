package it.attimo.sfn;

/** Thrown by a {@link TaskInvoker} to fail the task with an explicit error name and cause. */
public class TaskFailedException extends RuntimeException {
    private final String error;
    private final String errorCause;

    public TaskFailedException(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause));
        this.error = error;
        this.errorCause = cause;
    }

    public String error() {
        return error;
    }

    public String errorCause() {
        return errorCause;
    }
}
