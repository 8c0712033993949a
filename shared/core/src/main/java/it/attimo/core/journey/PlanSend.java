package it.attimo.core.journey;

import it.attimo.core.customer.Profile;
import it.attimo.core.experiment.ExperimentAssignments;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code plan}: when to send, arbitrated against other journeys' sends, recorded as this execution's plan. The result
 * always has {@code skipped} and {@code waitUntil} (the send's {@code sendAt}, or the plan's own moment when it is
 * skipped), so a state machine can Wait on it and hand {@code skipped} to the dispatch without a Choice.
 */
public final class PlanSend {
    private final ProfileStore profiles;
    private final MessageLedger ledger;
    private final SendPlanner planner;
    private final Clock clock;
    private final ExperimentAssignments experiments;
    private final EventLog eventLog;

    public PlanSend(ProfileStore profiles, MessageLedger ledger, SendPlanner planner, Clock clock) {
        this(profiles, ledger, planner, clock, ExperimentAssignments.NONE);
    }

    public PlanSend(
            ProfileStore profiles,
            MessageLedger ledger,
            SendPlanner planner,
            Clock clock,
            ExperimentAssignments experiments) {
        this(profiles, ledger, planner, clock, experiments, null);
    }

    /**
     * @param experiments where a step is under a timing experiment, the customer's arm gives the offset
     * @param eventLog tells a profile not stored yet from an erased or unknown customer (null: every missing profile
     *     skips the step)
     */
    public PlanSend(
            ProfileStore profiles,
            MessageLedger ledger,
            SendPlanner planner,
            Clock clock,
            ExperimentAssignments experiments,
            EventLog eventLog) {
        this.eventLog = eventLog;
        this.profiles = profiles;
        this.ledger = ledger;
        this.planner = planner;
        this.clock = clock;
        this.experiments = experiments;
    }

    /** The customer has events and was never erased, yet has no profile: the score function has not stored it yet. */
    private boolean profileStillToBeStored(String customerId) {
        if (eventLog == null) return false;
        EventLog.CustomerLog log = eventLog.read(customerId);
        return !log.events().isEmpty() && log.erased().isEmpty();
    }

    public Map<String, Object> plan(PlanStep p) {
        Instant now = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Profile> profile = profiles.find(p.customerId());
        if (profile.isEmpty()) {
            if (profileStillToBeStored(p.customerId())) {
                // a new customer's first events start the journey a moment before the score function stores the
                // profile; failing here (Attimo.Transient) lets the state machine's Retry plan again once it is stored
                throw new IllegalStateException("the profile of customer " + p.customerId()
                        + " is not stored yet (the events that started this journey are still being scored)");
            }
            out.put("skipped", true);
            out.put("waitUntil", now.toString());
            out.put("reason", "no profile for this customer (erased or unknown)");
            return out;
        }
        Optional<ExperimentAssignments.Assigned> arm = experiments.assign(p.journey(), p.step(), p.customerId());
        StepWindow window =
                StepWindow.of(arm.map(a -> p.withOffset(a.arm().offset())).orElse(p), profile.get(), planner);
        Instant target = window.opens();
        Instant earliest = target.isBefore(now) ? now : target;
        Instant deadline = window.closes();
        String executionName = p.executionName();
        String step = p.step();
        List<MessageRecord> ledgered = ledger.forCustomer(p.customerId());
        MessageRecord ownPlan = executionName == null || step == null
                ? null
                : ledgered.stream()
                        .filter(m -> m.messageId().equals(MessageRecord.planIdOf(executionName, step)))
                        .findFirst()
                        .orElse(null);
        // Ties go to the earlier plan, so plans are ordered: a retried plan keeps the moment it was first made, a new
        // one comes strictly after every plan already recorded for the customer (a clock may repeat an instant).
        Instant plannedAt = ownPlan != null && ownPlan.updatedAt() != null ? ownPlan.updatedAt() : now;
        if (ownPlan == null) {
            for (MessageRecord m : ledgered) {
                if (m.isPlan() && m.updatedAt() != null && !m.updatedAt().isBefore(plannedAt)) {
                    plannedAt = m.updatedAt().plusMillis(1);
                }
            }
        }
        List<SendPlanner.HeldSend> holders = LedgerPlans.holders(
                ledgered, executionName, planner.rank(p.journey(), p.kind()), planner, plannedAt, now);
        SendPlanner.PlannedSend plan =
                planner.plan(profile.get(), p.channel(), p.kind(), p.journey(), step, earliest, deadline, holders);
        if (executionName != null && step != null) {
            ledger.recordPlan(new MessageRecord(
                    p.customerId(),
                    MessageRecord.planIdOf(executionName, step),
                    p.journey(),
                    executionName,
                    step,
                    p.channel(),
                    p.kind().id(),
                    plan.skipped() ? earliest : plan.sendAt(),
                    plan.skipped() ? MessageRecord.PLAN_CLOSED : MessageRecord.PLANNED,
                    plan.skipped() ? "dropped at plan: " + plan.skippedReason() : null,
                    null,
                    plannedAt));
        }
        out.put("skipped", plan.skipped());
        out.put("deadline", deadline.toString());
        // what the state machine's Wait waits for: the send, or nothing (a skipped plan's dispatch sends nothing)
        out.put("waitUntil", (plan.skipped() ? now : plan.sendAt()).toString());
        if (plan.skipped()) {
            out.put("reason", plan.skippedReason());
        } else {
            out.put("sendAt", plan.sendAt().toString());
            out.put("localTime", plan.localTime().toString());
            out.put("suitability", plan.suitability());
        }
        List<String> reasons = new ArrayList<>(window.reasons());
        reasons.addAll(plan.reasons());
        out.put("reasons", reasons);
        arm.ifPresent(a -> out.put("experiment", a.toMap()));
        return out;
    }
}
