package it.attimo.aws.schedule;

import it.attimo.core.port.RescoreScheduler;

import java.time.Instant;

/**
 * The fallback where no re-score target is configured: a timed rule's deadline is not scheduled one by one, the
 * daily refresh job re-scores profiles, so a deadline is honoured within a day. On AWS the score function schedules
 * each deadline with {@link SchedulerRescoreScheduler}; the local stack supplies a scheduler on its virtual clock.
 */
public final class DailyRefreshRescoreScheduler implements RescoreScheduler {
    @Override
    public void rescoreAt(String customerId, Instant at) {
        // deliberately nothing: see the class comment
    }
}
