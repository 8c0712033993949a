package it.attimo.aws.hubspot;

import java.time.Duration;

/** Waits between retries; injected so tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
