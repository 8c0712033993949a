package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Profile;
import it.attimo.core.timing.PlanRequest;
import it.attimo.core.timing.SendPlan;
import it.attimo.core.timing.SendWindowPlanner;
import it.attimo.core.timing.profile.CustomerPredictions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans journey sends with the Italian-calendar {@link SendWindowPlanner}, from what the profile says of the customer
 * and, when predictions are configured, from their temporal profile (their event log shrunk toward their cluster by
 * the latest daily model). The first reason then says which prediction was used, or why none.
 */
public final class CalendarSendPlanner implements SendPlanner {
    private final SendWindowPlanner planner;
    private final CustomerPredictions predictions;

    /** Without temporal profiles: golden hours only. */
    public CalendarSendPlanner(SendWindowPlanner planner) {
        this(planner, null);
    }

    public CalendarSendPlanner(SendWindowPlanner planner, CustomerPredictions predictions) {
        this.planner = planner;
        this.predictions = predictions;
    }

    @Override
    public PlannedSend plan(Profile profile, Channel channel, MessageKind kind, String journey, Instant earliest,
                            Instant deadline) {
        PlanRequest.Builder request = PlanRequest.builder(channel, earliest)
                .segment(profile.segment())
                .kind(timingKind(kind))
                .deadline(deadline != null && deadline.isBefore(earliest) ? earliest : deadline)
                .journey(journey);
        if (profile.location() != null) {
            if (profile.location().comuneName() != null) request.comune(profile.location().comuneCode());
            else if (profile.location().provinceCode() != null) request.province(profile.location().provinceCode());
        }
        CustomerPredictions.Outcome predicted = predictions == null ? null : predictions.forCustomer(profile.customerId());
        if (predicted != null) request.prediction(predicted.prediction());
        SendPlan plan = planner.plan(request.build());
        List<String> reasons = plan.reasons();
        if (predicted != null) {
            reasons = new ArrayList<>(reasons.size() + 1);
            reasons.add(predicted.reason());
            reasons.addAll(plan.reasons());
        }
        return new PlannedSend(plan.sendAt(), plan.localTime(), plan.suitability(), List.copyOf(reasons), plan.skipped());
    }

    /** Surveys are timed like service messages; consent rules for them are checked at dispatch. */
    static it.attimo.core.timing.MessageKind timingKind(MessageKind kind) {
        return switch (kind) {
            case TRANSACTIONAL -> it.attimo.core.timing.MessageKind.TRANSACTIONAL;
            case SERVICE, SURVEY -> it.attimo.core.timing.MessageKind.SERVICE;
            case MARKETING -> it.attimo.core.timing.MessageKind.MARKETING;
        };
    }
}
