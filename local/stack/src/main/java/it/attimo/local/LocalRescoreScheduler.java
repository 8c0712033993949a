package it.attimo.local;

import it.attimo.aws.sqs.FifoIds;
import it.attimo.core.port.RescoreScheduler;
import it.attimo.core.profile.ProcessCustomerEvents;
import it.attimo.local.LocalStateTable.RescoreTimer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What EventBridge Scheduler one-time schedules do on AWS: when a timer falls due on the virtual clock, a re-score
 * command goes to the FIFO queue (group = customer, so it is ordered with that customer's events). Timers are kept in
 * a {@link TimerStore} ({@link LocalStateTable}) so they survive a restart; a repeat of the same customer and instant
 * is one timer.
 */
public final class LocalRescoreScheduler implements RescoreScheduler {
    /** Where pending timers survive a restart. */
    public interface TimerStore {
        void saveTimer(RescoreTimer timer);

        void deleteTimer(RescoreTimer timer);

        List<RescoreTimer> timers();
    }

    private final Clock clock;
    private final TimerStore state;
    private final TreeSet<RescoreTimer> timers =
            new TreeSet<>(Comparator.comparing(RescoreTimer::at).thenComparing(RescoreTimer::customerId));
    private volatile FifoSender queue;

    public LocalRescoreScheduler(Clock clock, TimerStore state) {
        this.clock = clock;
        this.state = state;
        timers.addAll(state.timers());
    }

    /** Where a due re-score goes: a FIFO queue (SendMessage with a group and a deduplication id). */
    public interface FifoSender {
        void send(String groupId, String deduplicationId, String body);
    }

    void bind(FifoSender queue) {
        this.queue = queue;
    }

    @Override
    public void rescoreAt(String customerId, Instant at) {
        RescoreTimer timer = new RescoreTimer(customerId, at);
        synchronized (this) {
            if (!timers.add(timer)) {
                return;
            }
        }
        state.saveTimer(timer);
    }

    /** The earliest pending timer. */
    public synchronized Optional<Instant> nextDue() {
        return timers.isEmpty() ? Optional.empty() : Optional.of(timers.first().at());
    }

    public synchronized int pending() {
        return timers.size();
    }

    /** Sends a re-score command for every timer due at the clock's instant; answers how many fired. */
    public int fireDue() {
        Instant now = clock.instant();
        List<RescoreTimer> due = new ArrayList<>();
        synchronized (this) {
            for (RescoreTimer timer : timers) {
                if (timer.at().isAfter(now)) {
                    break;
                }
                due.add(timer);
            }
        }
        for (RescoreTimer timer : due) {
            queue.send(
                    FifoIds.of(timer.customerId()),
                    FifoIds.of("rescore#" + timer.customerId() + "#" + timer.at()),
                    ProcessCustomerEvents.rescoreCommand(timer.customerId(), timer.at()));
            synchronized (this) {
                timers.remove(timer);
            }
            state.deleteTimer(timer);
        }
        return due.size();
    }
}
