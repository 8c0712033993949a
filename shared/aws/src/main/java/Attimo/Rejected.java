package Attimo;

import it.attimo.core.journey.JourneyError;

/**
 * {@link JourneyError#REJECTED} as the Lambda runtime reports it: the error type of a thrown exception is its class
 * name, so this class's name is the error name ({@code Attimo.Rejected}) of a payload that can never succeed.
 */
public final class Rejected extends RuntimeException {
    public Rejected(String message, Throwable cause) {
        super(message, cause);
    }
}
