package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Profile;
import it.attimo.core.timing.PlanRequest;
import it.attimo.core.timing.SendPlan;
import it.attimo.core.timing.SendWindowPlanner;

import java.time.Instant;

/** Plans journey sends with the Italian-calendar {@link SendWindowPlanner}, from what the profile says of the customer. */
public final class CalendarSendPlanner implements SendPlanner {
    private final SendWindowPlanner planner;

    public CalendarSendPlanner(SendWindowPlanner planner) {
        this.planner = planner;
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
        SendPlan plan = planner.plan(request.build());
        return new PlannedSend(plan.sendAt(), plan.localTime(), plan.suitability(), plan.reasons(), plan.skipped());
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
