package it.attimo.sfn;

/** An error raised while running a state, named as the States Language names errors. */
final class StatesError extends RuntimeException {
    private final String error;
    private final String errorCause;

    StatesError(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.errorCause = cause;
    }

    String error() {
        return error;
    }

    String errorCause() {
        return errorCause;
    }
}
