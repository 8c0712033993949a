package Attimo;

import it.attimo.core.journey.JourneyError;

/**
 * {@link JourneyError#TRANSIENT} as the Lambda runtime reports it: the error type of a thrown exception is its class
 * name, so this class's name is the error name ({@code Attimo.Transient}) the state machines retry on.
 */
public final class Transient extends RuntimeException {
    public Transient(String message, Throwable cause) {
        super(message, cause);
    }
}
