package it.attimo.aws.journey;

import Attimo.Rejected;
import Attimo.Transient;
import it.attimo.core.journey.JourneyError;

/** Turns a journey step's failure into the exception whose class name is its {@link JourneyError#errorName()}. */
public final class JourneyErrors {
    private JourneyErrors() {}

    /** The failure to throw to the Lambda runtime in place of {@code failure}, with its message. */
    public static RuntimeException named(RuntimeException failure) {
        return named(JourneyError.of(failure), failure);
    }

    static RuntimeException named(JourneyError error, RuntimeException failure) {
        return switch (error) {
            case TRANSIENT -> new Transient(failure.getMessage(), failure);
            case REJECTED -> new Rejected(failure.getMessage(), failure);
        };
    }
}
