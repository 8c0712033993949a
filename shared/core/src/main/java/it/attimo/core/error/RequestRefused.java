package it.attimo.core.error;

/**
 * A use case refused what a caller sent, for a reason the caller can fix. {@link #code()} is a stable machine string
 * ("unauthorized", "not_found", ...) that clients may branch on; the message says why, with ids only, never personal
 * data. The core does not know how a refusal is answered: the adapters map each kind to their own protocol.
 */
public abstract class RequestRefused extends RuntimeException {
    private final String code;

    protected RequestRefused(String code, String message) {
        // refusals are expected outcomes, not bugs: no stack trace to fill
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
