package it.attimo.sfn;

import java.time.Instant;

/** Moves a virtual clock forward (tests and the CLI). */
public interface VirtualTimeDriver {
    Instant now();

    /** Moves the clock to {@code instant}; never backwards. */
    void advanceTo(Instant instant);
}
