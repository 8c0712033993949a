package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Profile;
import it.attimo.core.timing.MessageKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/** Chooses when a journey step's message goes out, inside the customer's allowed windows. */
public interface SendPlanner {
    PlannedSend plan(
            Profile profile, Channel channel, MessageKind kind, String journey, Instant earliest, Instant deadline);

    /**
     * Plans around what other journeys already hold for this customer: {@code holders} are sends that keep their slot
     * against this one (already sent, or planned with a higher priority, or planned earlier with the same). The plan
     * goes as alone, moves to the next acceptable slot, or is skipped, and its first reason says which happened.
     * Planners that do not arbitrate ignore them.
     */
    default PlannedSend plan(
            Profile profile,
            Channel channel,
            MessageKind kind,
            String journey,
            String step,
            Instant earliest,
            Instant deadline,
            List<HeldSend> holders) {
        return plan(profile, channel, kind, journey, earliest, deadline);
    }

    /**
     * Who keeps the slot when two journeys want one customer in one window (higher wins, ties go to the earlier plan):
     * the message kind first (transactional > service > survey > marketing), then, within a kind, the journey's
     * declared priority (journeys.json, 0-100).
     */
    default int rank(String journey, MessageKind kind) {
        return kind.priority() * 1000;
    }

    /**
     * How much earlier a step of {@code journey} anchored at {@code anchor} (the delivery) and opening at {@code opens}
     * goes, by the journey's timing rules (the December shift: 3 days for deliveries from 1 to 21 December, for steps
     * that open at least that long after the delivery). Adds a reason when it applies. Zero when none applies.
     */
    default Duration anticipation(String journey, Instant anchor, Instant opens, List<String> reasons) {
        return Duration.ZERO;
    }

    /** The start of the customer's next working day after {@code after} (planners without a calendar: a day later). */
    default Instant nextWorkingDay(Profile profile, Instant after) {
        return after.plus(Duration.ofDays(1));
    }

    /** Sends of two journeys closer than this collide (the caps' minimum gap); zero: no arbitration. */
    default Duration overlapGap() {
        return Duration.ZERO;
    }

    /** Another journey's send that holds its slot: sent already, or planned. */
    record HeldSend(String journey, String step, Channel channel, MessageKind kind, Instant at, boolean sent) {
        public String label() {
            return journey + " " + step;
        }
    }

    /** {@code sendAt} is null when skipped, and {@code skippedReason} says why. */
    record PlannedSend(
            Instant sendAt, LocalDateTime localTime, int suitability, List<String> reasons, String skippedReason) {
        public boolean skipped() {
            return sendAt == null;
        }
    }
}
