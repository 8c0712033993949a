package it.attimo.core.journey;

import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.port.AccountManagerTasks;
import it.attimo.core.port.ChannelGateway;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.WaitRegistry;
import java.time.Clock;

/** The journey steps over the given ports, wired as AttimoFactory wires them. */
final class JourneyStepsWiring {
    private JourneyStepsWiring() {}

    static final String PUBLIC_BASE_URL = "https://attimo.example";

    /** The bundled templates and content, links under {@link #PUBLIC_BASE_URL}, tokens signed with a test secret. */
    static MessageRenderer renderer(Clock clock) {
        return MessageRenderer.bundled(PUBLIC_BASE_URL, new CustomerLinkToken("journey-steps-test-secret", clock));
    }

    static JourneySteps steps(
            ProfileStore profiles,
            ContactStore contacts,
            MessageLedger ledger,
            WaitRegistry waits,
            ChannelGateway gateway,
            SendPlanner planner,
            EventLog eventLog,
            JourneyRuntime runtime,
            AccountManagerTasks accountManagers,
            Clock clock) {
        return steps(
                profiles,
                contacts,
                ledger,
                waits,
                gateway,
                planner,
                eventLog,
                runtime,
                accountManagers,
                new it.attimo.core.testing.InMemoryCouponStore(),
                new it.attimo.core.coupon.CouponCodes(),
                clock);
    }

    static JourneySteps steps(
            ProfileStore profiles,
            ContactStore contacts,
            MessageLedger ledger,
            WaitRegistry waits,
            ChannelGateway gateway,
            SendPlanner planner,
            EventLog eventLog,
            JourneyRuntime runtime,
            AccountManagerTasks accountManagers,
            it.attimo.core.port.CouponStore coupons,
            it.attimo.core.coupon.CouponCodes codes,
            Clock clock) {
        JourneyCatalog catalog = JourneyCatalog.defaults();
        CompleteJourney complete = new CompleteJourney(profiles, waits, ledger, clock);
        PlanSend plan = new PlanSend(profiles, ledger, planner, clock);
        return new JourneySteps(
                plan,
                new DispatchSend(
                        profiles,
                        contacts,
                        ledger,
                        gateway,
                        planner,
                        eventLog,
                        clock,
                        renderer(clock),
                        it.attimo.core.experiment.ExperimentAssignments.NONE,
                        new OrderHolds(catalog)),
                new ParkWait(profiles, waits, eventLog, runtime, clock, catalog),
                complete,
                new Timeline(),
                new Progress(eventLog, catalog),
                new EvaluateJourney(eventLog, profiles, complete, catalog),
                new OpenAccountManagerTask(profiles, accountManagers),
                new PlanFirstChannel(plan, profiles, contacts, clock),
                new IssueCoupon(profiles, coupons, codes, clock));
    }
}
