package it.attimo.core.journey;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.AttimoCore;
import it.attimo.core.channel.Channel;
import it.attimo.core.event.EventTypes;
import it.attimo.core.profile.FoldedCustomer;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingChannelGateway;
import it.attimo.core.testing.RecordingJourneyRuntime;
import it.attimo.core.timing.MessageKind;
import it.attimo.core.timing.SendWindowPlanner;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two journeys wanting one customer in one window, arbitrated at plan time (and re-checked at dispatch). */
class JourneyStepsOverlapTest {
    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    static final String ONBOARDING = "onboarding-72h-c-1-1";
    static final String PURCHASE = "post-purchase-c-1-o-1";
    /** Wednesday 10 June 2026, 08:00 in Rome. */
    static final String ANCHOR = "2026-06-10T06:00:00Z";

    final MutableClock clock = MutableClock.at(ANCHOR);
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    final RecordingChannelGateway gateway = new RecordingChannelGateway();
    JourneySteps steps = wired(AttimoCore.sendPlanner());

    JourneySteps wired(SendPlanner planner) {
        return JourneyStepsWiring.steps(
                profiles,
                contacts,
                ledger,
                new InMemoryWaitRegistry(),
                gateway,
                planner,
                new InMemoryEventLog(),
                new RecordingJourneyRuntime(),
                (customerId, reason, executionName) -> {},
                clock);
    }

    void customer(String id) {
        var upsert = Events.event(EventTypes.CUSTOMER_UPSERTED, id)
                .id("u-" + id)
                .at("2026-06-01T08:00:00Z")
                .data("segment", "b2c")
                .data("comune", "015146")
                .data("email", id + "@example.it")
                .data("consent", Map.of("email", true))
                .build();
        FoldedCustomer f = AttimoCore.profileFolder().fold(id, List.of(upsert), null, clock.instant());
        profiles.put(f.profile());
        if (f.contact() != null) contacts.put(f.contact());
    }

    Map<String, Object> plan(String customer, String execution, String journey, String step, String kind) {
        return steps.handle(new PlanStep(
                customer,
                Channel.EMAIL,
                MessageKind.parse(kind),
                Instant.parse(ANCHOR),
                Duration.ZERO,
                Duration.ofHours(24),
                journey,
                step,
                execution));
    }

    Map<String, Object> dispatch(String execution, String journey, String step, String kind) {
        return steps.handle(
                new DispatchStep("c-1", journey, step, Channel.EMAIL, MessageKind.parse(kind), execution, null, null));
    }

    static Instant sendAt(Map<String, Object> plan) {
        return Instant.parse((String) plan.get("sendAt"));
    }

    @SuppressWarnings("unchecked")
    static List<String> reasons(Map<String, Object> plan) {
        return (List<String>) plan.get("reasons");
    }

    @Test
    void alonePostPurchaseAndOnboardingWouldTakeTheSameSlot() {
        customer("c-1");
        customer("c-2");
        Map<String, Object> nudge = plan("c-1", ONBOARDING, "onboarding-72h", "key-module-email", "service");
        Map<String, Object> tutorial = plan("c-2", PURCHASE, "post-purchase", "tutorial", "service");
        assertThat(sendAt(nudge)).as("different customers do not interfere").isEqualTo(sendAt(tutorial));
        assertThat(LocalDateTime.ofInstant(sendAt(nudge), ROME)).isEqualTo("2026-06-10T09:30");
        assertThat(reasons(tutorial)).noneMatch(r -> r.startsWith("overlap"));
    }

    @Test
    void theLaterPlanOfTheSamePriorityMovesAfterTheEarlierOneWithAReason() {
        customer("c-1");
        Map<String, Object> nudge = plan("c-1", ONBOARDING, "onboarding-72h", "key-module-email", "service");
        Map<String, Object> tutorial = plan("c-1", PURCHASE, "post-purchase", "tutorial", "service");

        assertThat(tutorial.get("skipped")).isEqualTo(false);
        assertThat(sendAt(tutorial)).isAfter(sendAt(nudge));
        // email 1/day: the tutorial leaves Wednesday for Thursday's first slot
        assertThat(LocalDateTime.ofInstant(sendAt(tutorial), ROME)).isEqualTo("2026-06-11T09:30");
        assertThat(reasons(tutorial).get(0))
                .isEqualTo("overlap: post-purchase tutorial moved after onboarding-72h "
                        + "key-module-email (same priority, planned earlier) at 2026-06-10 09:30, from 2026-06-10 09:30 to "
                        + "2026-06-11 09:30");
        assertThat(ledger.all())
                .extracting(MessageRecord::messageId)
                .containsExactlyInAnyOrder(
                        "plan#" + ONBOARDING + "#key-module-email", "plan#" + PURCHASE + "#tutorial");
        assertThat(ledger.all()).allSatisfy(r -> assertThat(r.status()).isEqualTo(MessageRecord.PLANNED));
    }

    @Test
    void aLowerPriorityMessageMovesAndAMarketingOneIsDroppedWithAReason() {
        customer("c-1");
        plan("c-1", ONBOARDING, "onboarding-72h", "key-module-email", "service");
        Map<String, Object> survey = plan("c-1", PURCHASE, "post-purchase", "survey", "survey");
        assertThat(reasons(survey).get(0))
                .startsWith("overlap: post-purchase survey moved after onboarding-72h "
                        + "key-module-email (higher priority)");

        Map<String, Object> promo = plan("c-1", "promo-c-1-1", "promo", "offer", "marketing");
        assertThat(promo.get("skipped")).isEqualTo(true);
        assertThat((String) promo.get("reason"))
                .startsWith("overlap: promo offer dropped, onboarding-72h "
                        + "key-module-email (higher priority) at 2026-06-10 09:30 holds the window");
        assertThat(ledger.all())
                .filteredOn(r -> r.executionName().equals("promo-c-1-1"))
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(MessageRecord.PLAN_CLOSED));
    }

    @Test
    void aHigherPriorityPlanGoesAndTheEarlierLowerOneIsDroppedAtItsDispatch() {
        customer("c-1");
        Map<String, Object> promo = plan("c-1", "promo-c-1-1", "promo", "offer", "marketing");
        Map<String, Object> nudge = plan("c-1", ONBOARDING, "onboarding-72h", "key-module-email", "service");
        assertThat(reasons(nudge)).noneMatch(r -> r.startsWith("overlap"));
        assertThat(Math.abs(sendAt(promo).getEpochSecond() - sendAt(nudge).getEpochSecond()))
                .isLessThan(4 * 3600);

        clock.set(sendAt(nudge));
        assertThat(dispatch(ONBOARDING, "onboarding-72h", "key-module-email", "service"))
                .containsEntry("status", "sent");
        clock.set(sendAt(promo));
        Map<String, Object> late = dispatch("promo-c-1-1", "promo", "offer", "marketing");
        assertThat(late).containsEntry("status", "suppressed");
        assertThat((String) late.get("reason"))
                .startsWith("overlap: onboarding-72h key-module-email (higher priority) was sent at");
        assertThat(gateway.sent()).hasSize(1);
    }

    @Test
    void aRetriedPlanOfTheSameStepDoesNotArbitrateAgainstItselfAndOverwritesItsRecord() {
        customer("c-1");
        Map<String, Object> first = plan("c-1", PURCHASE, "post-purchase", "tutorial", "service");
        clock.set(Instant.parse(ANCHOR).plusSeconds(5));
        Map<String, Object> retry = plan("c-1", PURCHASE, "post-purchase", "tutorial", "service");
        assertThat(sendAt(retry)).isEqualTo(sendAt(first));
        assertThat(reasons(retry)).noneMatch(r -> r.startsWith("overlap"));
        assertThat(ledger.all()).singleElement().satisfies(r -> {
            assertThat(r.messageId()).isEqualTo("plan#" + PURCHASE + "#tutorial");
            assertThat(r.updatedAt()).as("first planned at").isEqualTo(Instant.parse(ANCHOR));
        });
    }

    @Test
    void aRetryOfTheEarlierPlanKeepsItsSlotAgainstTheOneItPushedAway() {
        customer("c-1");
        Map<String, Object> nudge = plan("c-1", ONBOARDING, "onboarding-72h", "key-module-email", "service");
        plan("c-1", PURCHASE, "post-purchase", "tutorial", "service");
        clock.set(Instant.parse(ANCHOR).plusSeconds(5));
        Map<String, Object> retried = plan("c-1", ONBOARDING, "onboarding-72h", "key-module-email", "service");
        assertThat(sendAt(retried)).isEqualTo(sendAt(nudge));
        assertThat(reasons(retried)).noneMatch(r -> r.startsWith("overlap"));
    }

    @Test
    void capsStillCountOnlySentMessages() {
        customer("c-1");
        Map<String, Object> promo = plan("c-1", "promo-c-1-1", "promo", "offer", "marketing");
        plan("c-1", "promo-c-1-2", "promo", "other-offer", "marketing");
        assertThat(ledger.sentSince("c-1", Instant.parse(ANCHOR).minusSeconds(86_400)))
                .isEmpty();

        clock.set(sendAt(promo));
        assertThat(dispatch("promo-c-1-1", "promo", "offer", "marketing"))
                .as("its own and another plan record are not sends")
                .containsEntry("status", "sent");
        assertThat(ledger.sentSince("c-1", Instant.parse(ANCHOR)))
                .singleElement()
                .satisfies(r -> assertThat(r.messageId()).isEqualTo("promo-c-1-1#offer"));
    }

    @Test
    void anEndedJourneysPlansNoLongerHoldTheirSlot() {
        customer("c-1");
        Map<String, Object> nudge = plan("c-1", ONBOARDING, "onboarding-72h", "key-module-email", "service");
        steps.handle(new CompleteStep("c-1", ONBOARDING, null, null, null));
        Map<String, Object> tutorial = plan("c-1", PURCHASE, "post-purchase", "tutorial", "service");
        assertThat(sendAt(tutorial)).isEqualTo(sendAt(nudge));
        assertThat(reasons(tutorial)).noneMatch(r -> r.startsWith("overlap"));
    }

    @Test
    void withoutAnExecutionIdThePlanIsNotRecorded() {
        customer("c-1");
        plan("c-1", null, "post-purchase", "tutorial", "service");
        assertThat(ledger.all()).isEmpty();
    }

    /** Both journeys send service messages; journeys.json gives the second a higher priority. */
    static JourneyCatalog catalogWithPriorities(int postPurchase, int care) {
        return JourneyCatalogLoader.parse("test", """
                {"journeys": [
                  {"name": "post-purchase", "asl": "post-purchase.asl.json", "stateMachine": "PostPurchaseStateMachine",
                   "trigger": {"type": "order.delivered"}, "kind": "service", "priority": %d},
                  {"name": "vip-care", "asl": "vip-care.asl.json", "stateMachine": "VipCareStateMachine",
                   "trigger": {"type": "order.delivered"}, "kind": "service", "priority": %d}
                ]}
                """.formatted(postPurchase, care));
    }

    @Test
    void withinOneKindTheJourneysDeclaredPriorityDecidesAndTheEarlierLowerPlanIsDroppedAtDispatch() {
        steps = wired(new CalendarSendPlanner(SendWindowPlanner.defaults(), null, catalogWithPriorities(0, 50)));
        customer("c-1");
        Map<String, Object> tutorial = plan("c-1", PURCHASE, "post-purchase", "tutorial", "service");
        Map<String, Object> care = plan("c-1", "vip-care-c-1-1", "vip-care", "call-back", "service");
        assertThat(reasons(care))
                .as("the later plan of the higher-priority journey does not move")
                .noneMatch(r -> r.startsWith("overlap"));
        assertThat(sendAt(care)).isEqualTo(sendAt(tutorial));

        clock.set(sendAt(care));
        assertThat(dispatch("vip-care-c-1-1", "vip-care", "call-back", "service"))
                .containsEntry("status", "sent");
        Map<String, Object> late = dispatch(PURCHASE, "post-purchase", "tutorial", "service");
        assertThat(late).containsEntry("status", "suppressed");
        assertThat((String) late.get("reason")).startsWith("overlap: vip-care call-back (higher priority) was sent at");
    }

    @Test
    void aHigherDeclaredPriorityPlannedLaterKeepsTheSlotTheEarlierPlanHolds() {
        steps = wired(new CalendarSendPlanner(SendWindowPlanner.defaults(), null, catalogWithPriorities(40, 10)));
        customer("c-1");
        Map<String, Object> care = plan("c-1", "vip-care-c-1-1", "vip-care", "call-back", "service");
        Map<String, Object> tutorial = plan("c-1", PURCHASE, "post-purchase", "tutorial", "service");
        assertThat(reasons(tutorial))
                .as("with equal priorities it would move to Thursday (see theLaterPlanOfTheSamePriority...)")
                .noneMatch(r -> r.startsWith("overlap"));
        assertThat(sendAt(tutorial)).isEqualTo(sendAt(care));
    }

    @Test
    void theMessageKindStillOutranksAnyJourneyPriority() {
        SendPlanner planner =
                new CalendarSendPlanner(SendWindowPlanner.defaults(), null, catalogWithPriorities(0, 100));
        assertThat(planner.rank("post-purchase", MessageKind.SERVICE))
                .isGreaterThan(planner.rank("vip-care", MessageKind.SURVEY));
        assertThat(planner.rank("vip-care", MessageKind.SERVICE))
                .isGreaterThan(planner.rank("post-purchase", MessageKind.SERVICE));
        assertThat(planner.rank("unknown-journey", MessageKind.SERVICE))
                .isEqualTo(planner.rank("post-purchase", MessageKind.SERVICE));
    }
}
