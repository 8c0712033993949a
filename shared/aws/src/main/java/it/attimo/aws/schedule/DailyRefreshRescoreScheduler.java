package it.attimo.aws.schedule;

import it.attimo.core.port.RescoreScheduler;

import java.time.Instant;

/**
 * On AWS for now, a timed rule's deadline is not scheduled one by one: the daily refresh job re-scores profiles, so
 * a deadline is honoured within a day. (The local stack supplies a scheduler on its virtual clock instead.)
 */
public final class DailyRefreshRescoreScheduler implements RescoreScheduler {
    @Override
    public void rescoreAt(String customerId, Instant at) {
        // deliberately nothing: see the class comment
    }
}
