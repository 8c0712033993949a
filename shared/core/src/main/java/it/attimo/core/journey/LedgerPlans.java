package it.attimo.core.journey;

import it.attimo.core.port.MessageLedger;
import it.attimo.core.timing.MessageKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plan-time arbitration between journeys, read from the ledger's plan and message records: which sends hold their
 * slot against a new plan, which one drops a due send, and closing an execution's plans that will not be sent.
 */
final class LedgerPlans {
    /** How far back sent messages hold against a new plan: the frequency caps' longest window. */
    static final Duration HELD_LOOKBACK = Duration.ofDays(7);

    private LedgerPlans() {}

    /**
     * Other journeys' sends that keep their slot against this plan: sent in the last {@link #HELD_LOOKBACK} (the
     * caps' longest window), or planned and not yet dispatched with a higher rank ({@link SendPlanner#rank}: kind,
     * then the journey's priority), or the same rank planned
     * before {@code plannedAt}. This execution's own records never count: its steps are spaced by design, and a
     * retried plan must not arbitrate against itself. A lower-priority plan made earlier does not hold: this send
     * goes, and that one is dropped at its dispatch (see {@link #overlap}).
     */
    static List<SendPlanner.HeldSend> holders(
            List<MessageRecord> ledgered,
            String executionName,
            int rank,
            SendPlanner ranks,
            Instant plannedAt,
            Instant now) {
        Set<String> dispatched = dispatched(ledgered);
        List<SendPlanner.HeldSend> held = new ArrayList<>();
        for (MessageRecord m : ledgered) {
            if (m.channel() == null || m.sendAt() == null || m.executionName() == null) continue;
            if (m.executionName().equals(executionName)) continue;
            if (m.sendAt().isBefore(now.minus(HELD_LOOKBACK))) continue;
            MessageKind theirs = kindOf(m);
            if (m.isPlan()) {
                if (!MessageRecord.PLANNED.equals(m.status()) || dispatched.contains(m.dispatchId())) continue;
                int theirRank = ranks.rank(m.journey(), theirs);
                boolean wins = theirRank > rank
                        || theirRank == rank
                                && m.updatedAt() != null
                                && m.updatedAt().isBefore(plannedAt);
                if (!wins) continue;
                held.add(new SendPlanner.HeldSend(m.journey(), m.step(), m.channel(), theirs, m.sendAt(), false));
            } else if (MessageRecord.SENT.equals(m.status())) {
                held.add(new SendPlanner.HeldSend(m.journey(), m.step(), m.channel(), theirs, m.sendAt(), true));
            }
        }
        return held;
    }

    /**
     * The other side of plan-time arbitration: a send planned before a higher-ranked journey claimed the same
     * moment is dropped when it comes due, if that journey's send (sent, or planned and not yet dispatched) is within
     * {@code gap} of now. Transactional messages always go. The reason it is dropped, or null.
     */
    static String overlap(
            List<MessageRecord> ledgered,
            String executionName,
            String journey,
            MessageKind kind,
            SendPlanner ranks,
            Duration gap,
            Instant now) {
        if (kind == MessageKind.TRANSACTIONAL || gap.isZero()) return null;
        int rank = ranks.rank(journey, kind);
        Set<String> dispatched = dispatched(ledgered);
        for (MessageRecord m : ledgered) {
            if (m.sendAt() == null
                    || m.executionName() == null
                    || m.executionName().equals(executionName)) continue;
            boolean holds = m.isPlan()
                    ? MessageRecord.PLANNED.equals(m.status()) && !dispatched.contains(m.dispatchId())
                    : MessageRecord.SENT.equals(m.status());
            if (holds
                    && ranks.rank(m.journey(), kindOf(m)) > rank
                    && Duration.between(m.sendAt(), now).abs().compareTo(gap) < 0) {
                return "overlap: " + m.journey() + " " + m.step() + " (higher priority) "
                        + (m.isPlan() ? "is planned at " : "was sent at ") + m.sendAt() + ", within " + gap.toHours()
                        + "h: dropped";
            }
        }
        return null;
    }

    /** Marks this execution's plan records (of one step, or all when null) that never reached a dispatch as closed. */
    static void close(
            MessageLedger ledger, String customerId, String executionName, String step, String why, Instant now) {
        for (MessageRecord m : ledger.forCustomer(customerId)) {
            if (m.isPlan()
                    && MessageRecord.PLANNED.equals(m.status())
                    && executionName.equals(m.executionName())
                    && (step == null || step.equals(m.step()))) {
                ledger.recordPlan(m.with(MessageRecord.PLAN_CLOSED, why, null, now));
            }
        }
    }

    private static Set<String> dispatched(List<MessageRecord> ledgered) {
        Set<String> dispatched = new HashSet<>();
        for (MessageRecord m : ledgered) if (!m.isPlan()) dispatched.add(m.messageId());
        return dispatched;
    }

    /** A record's kind: none counts as service, an unknown one as marketing (the lowest priority). */
    private static MessageKind kindOf(MessageRecord m) {
        if (m.kind() == null) return MessageKind.SERVICE;
        try {
            return MessageKind.parse(m.kind());
        } catch (IllegalArgumentException unknown) {
            return MessageKind.MARKETING;
        }
    }
}
