package it.attimo.aws.schedule;

import it.attimo.core.port.RescoreScheduler;
import java.time.Instant;

/**
 * The fallback where no re-score target is configured ({@code attimo.rescore.target-arn} unset): a timed rule's
 * deadline is not scheduled, so its "otherwise" points show up at the customer's next event (the score is a fold of
 * the log at that instant, so nothing is lost, it is only late). The deployed template always sets the target: there
 * the score function schedules each deadline with {@link SchedulerRescoreScheduler}; the local stack supplies a
 * scheduler on its virtual clock.
 */
public final class DailyRefreshRescoreScheduler implements RescoreScheduler {
    @Override
    public void rescoreAt(String customerId, Instant at) {
        // deliberately nothing: see the class comment
    }
}
