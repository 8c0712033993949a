package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Profile;
import it.attimo.core.timing.LocalSlots;
import it.attimo.core.timing.MessageKind;
import it.attimo.core.timing.OverlapArbiter;
import it.attimo.core.timing.PastSend;
import it.attimo.core.timing.PlanRequest;
import it.attimo.core.timing.SendPlan;
import it.attimo.core.timing.SendWindowPlanner;
import it.attimo.core.timing.TimeBand;
import it.attimo.core.timing.profile.CustomerPredictions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans journey sends with the Italian-calendar {@link SendWindowPlanner}, from what the profile says of the customer
 * and, when predictions are configured, from their temporal profile (their event log shrunk toward their cluster by
 * the latest daily model). The first reason then says which prediction was used, or why none. With other journeys'
 * held sends it arbitrates through {@link OverlapArbiter}: the first reason then says whether this send moved after
 * them or was dropped (see docs/timing.md, "Overlap between journeys").
 */
public final class CalendarSendPlanner implements SendPlanner {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final SendWindowPlanner planner;
    private final CustomerPredictions predictions;
    private final OverlapArbiter arbiter;
    private final JourneyCatalog catalog;

    /** Without temporal profiles: golden hours only; the bundled journeys' timing rules. */
    public CalendarSendPlanner(SendWindowPlanner planner) {
        this(planner, null);
    }

    /** The bundled journeys' timing rules. */
    public CalendarSendPlanner(SendWindowPlanner planner, CustomerPredictions predictions) {
        this(planner, predictions, JourneyCatalog.defaults());
    }

    /** Each journey's timing rules (e.g. the December shift) as {@code catalog} declares them. */
    public CalendarSendPlanner(SendWindowPlanner planner, CustomerPredictions predictions, JourneyCatalog catalog) {
        this.planner = planner;
        this.predictions = predictions;
        this.arbiter = new OverlapArbiter(planner);
        this.catalog = catalog;
    }

    @Override
    public PlannedSend plan(
            Profile profile, Channel channel, MessageKind kind, String journey, Instant earliest, Instant deadline) {
        return plan(profile, channel, kind, journey, null, earliest, deadline, List.of());
    }

    @Override
    public PlannedSend plan(
            Profile profile,
            Channel channel,
            MessageKind kind,
            String journey,
            String step,
            Instant earliest,
            Instant deadline,
            List<HeldSend> holders) {
        PlanRequest.Builder request = PlanRequest.builder(channel, earliest)
                .segment(profile.segment())
                .kind(kind)
                .deadline(deadline != null && deadline.isBefore(earliest) ? earliest : deadline)
                .journey(journey)
                .timingRules(requestRules(journey))
                .preferredBand(preferredBand(profile));
        if (profile.location() != null) {
            if (profile.location().comuneName() != null)
                request.comune(profile.location().comuneCode());
            else if (profile.location().provinceCode() != null)
                request.province(profile.location().provinceCode());
        }
        CustomerPredictions.Outcome predicted =
                predictions == null ? null : predictions.forCustomer(profile.customerId());
        if (predicted != null) request.prediction(predicted.prediction());
        List<PastSend> held = new ArrayList<>(holders.size());
        for (HeldSend h : holders) held.add(new PastSend(profile.customerId(), h.channel(), h.at(), h.journey()));
        String name = journey == null ? "this message" : step == null ? journey : journey + " " + step;
        OverlapArbiter.Decision decision =
                arbiter.against(new OverlapArbiter.Contender(name, rank(journey, kind), request.build()), held);
        SendPlan plan = decision.plan();
        String skipped = plan.skipped();
        List<String> reasons = new ArrayList<>(plan.reasons().size() + 2);
        if (predicted != null) reasons.add(predicted.reason());
        if (decision.outcome() == OverlapArbiter.Outcome.MOVED
                || decision.reason() != null
                        && decision.outcome() == OverlapArbiter.Outcome.DROPPED
                        && decision.reason().startsWith("overlap:")) {
            String overlap =
                    overlapReason(name, rank(journey, kind), decision, holders, held, channel, request.build());
            reasons.add(0, overlap);
            if (skipped != null) skipped = overlap;
        }
        reasons.addAll(plan.reasons());
        return new PlannedSend(plan.sendAt(), plan.localTime(), plan.suitability(), List.copyOf(reasons), skipped);
    }

    /** The customer's preferred time band (preference centre); an unknown stored value is no preference. */
    private static TimeBand preferredBand(Profile profile) {
        try {
            return TimeBand.parse(profile.preferences().timeBand()).orElse(null);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /**
     * The journey's rules the window planner applies. The December shift is not one of them here: a journey step
     * applies it to its whole window from the delivery date ({@link #anticipation}), which the planner's own form
     * (moving a deadline, for requests without an anchor such as {@code attimo plan}) would apply a second time.
     */
    private java.util.Set<String> requestRules(String journey) {
        java.util.Set<String> rules = new java.util.HashSet<>(catalog.timingRules(journey));
        rules.remove(TimingRules.DECEMBER_SHIFT);
        return rules;
    }

    @Override
    public Duration anticipation(String journey, Instant anchor, Instant opens, List<String> reasons) {
        if (journey == null || !catalog.timingRules(journey).contains(TimingRules.DECEMBER_SHIFT)) return Duration.ZERO;
        int days = planner.windows().decemberShiftDays();
        java.time.LocalDate delivered = anchor.atZone(LocalSlots.ROME).toLocalDate();
        if (days <= 0 || !TimingRules.inDecemberShift(delivered)) return Duration.ZERO;
        Duration shift = Duration.ofDays(days);
        if (Duration.between(anchor, opens).compareTo(shift) < 0) return Duration.ZERO;
        reasons.add(
                "december-shift: delivered on " + delivered + ", before Christmas: brought " + days + " days earlier");
        return shift;
    }

    @Override
    public Instant nextWorkingDay(Profile profile, Instant after) {
        it.attimo.core.geo.CustomerLocation location = it.attimo.core.geo.CustomerLocation.unknown();
        if (profile.location() != null && profile.location().comuneCode() != null) {
            try {
                location = it.attimo.core.geo.CustomerLocation.of(planner.calendar()
                        .directory()
                        .requireCode(profile.location().comuneCode()));
            } catch (RuntimeException unknownComune) {
                // national calendar only
            }
        }
        java.time.LocalDate day = after.atZone(LocalSlots.ROME).toLocalDate().plusDays(1);
        for (int i = 0; i < 14; i++, day = day.plusDays(1)) {
            it.attimo.core.calendar.DayStatus status =
                    planner.calendar().statusOf(day, location, it.attimo.core.customer.Segment.B2B);
            if (!status.isWeekend() && status.hardClosure().isEmpty()) break;
        }
        return day.atTime(WORKING_DAY_STARTS).atZone(LocalSlots.ROME).toInstant();
    }

    private static final java.time.LocalTime WORKING_DAY_STARTS = java.time.LocalTime.of(9, 0);

    @Override
    public int rank(String journey, MessageKind kind) {
        int declared = journey == null
                ? 0
                : catalog.journey(journey).map(JourneyDefinition::priority).orElse(0);
        return kind.priority() * 1000 + declared;
    }

    @Override
    public Duration overlapGap() {
        return planner.caps().minGap();
    }

    /**
     * E.g. {@code overlap: post-purchase tutorial moved after onboarding-72h key-module-email (higher priority) at
     * 2026-06-11 10:00, from 2026-06-11 10:00 to 2026-06-11 14:00}.
     */
    private String overlapReason(
            String name,
            int rank,
            OverlapArbiter.Decision decision,
            List<HeldSend> holders,
            List<PastSend> held,
            Channel channel,
            PlanRequest request) {
        SendPlan alone = planner.plan(request.toBuilder().history(List.of()).build());
        HeldSend winner = alone.sendAt() == null
                ? null
                : arbiter.collision(alone.sendAt(), channel, held)
                        .map(p -> holders.get(held.indexOf(p)))
                        .orElse(null);
        String by = winner == null
                ? "other journeys' sends"
                : winner.label() + " (" + why(winner, rank) + ") at "
                        + LOCAL.format(winner.at().atZone(LocalSlots.ROME));
        if (decision.outcome() == OverlapArbiter.Outcome.MOVED) {
            return "overlap: " + name + " moved after " + by + ", from "
                    + LOCAL.format(alone.sendAt().atZone(LocalSlots.ROME)) + " to "
                    + LOCAL.format(decision.plan().sendAt().atZone(LocalSlots.ROME));
        }
        return "overlap: " + name + " dropped, " + by + " holds the window: "
                + decision.plan().skipped();
    }

    private String why(HeldSend winner, int rank) {
        if (winner.sent()) return "already sent";
        return rank(winner.journey(), winner.kind()) > rank ? "higher priority" : "same priority, planned earlier";
    }
}
