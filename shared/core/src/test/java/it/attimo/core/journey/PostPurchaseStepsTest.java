package it.attimo.core.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.AttimoCore;
import it.attimo.core.channel.Channel;
import it.attimo.core.coupon.Coupon;
import it.attimo.core.coupon.CouponCodes;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.experiment.ExperimentAssignments;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.profile.FoldedCustomer;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.ForwardingProfileStore;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryCouponStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingChannelGateway;
import it.attimo.core.testing.RecordingJourneyRuntime;
import it.attimo.core.timing.MessageKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The post-purchase steps' judgement: first channel, area offsets, working days, December, holds, coupons. */
class PostPurchaseStepsTest {
    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    static final String MILANO = "015146";
    static final String NAPOLI = "063049";
    static final String ROMA = "058091";
    static final String EXECUTION = "post-purchase-c-1-del-o-1";

    final MutableClock clock = MutableClock.at("2026-06-09T12:50:00Z");
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    final InMemoryEventLog events = new InMemoryEventLog();
    final InMemoryCouponStore coupons = new InMemoryCouponStore();
    final RecordingChannelGateway gateway = new RecordingChannelGateway();
    JourneySteps steps = wired(new CouponCodes());

    JourneySteps wired(CouponCodes codes) {
        return JourneyStepsWiring.steps(
                profiles,
                contacts,
                ledger,
                new InMemoryWaitRegistry(),
                gateway,
                AttimoCore.sendPlanner(),
                events,
                new RecordingJourneyRuntime(),
                (customerId, reason, executionName) -> {},
                coupons,
                codes,
                clock);
    }

    void customer(String id, String segment, String comune, Map<String, Object> consent, boolean email) {
        CustomerEvent upsert = Events.event(EventTypes.CUSTOMER_UPSERTED, id)
                .id("u-" + id)
                .at("2026-06-01T08:00:00Z")
                .data("segment", segment)
                .data("comune", comune)
                .data("email", email ? id + "@example.it" : null)
                .data("phone", "+39 333 0000000")
                .data("pushToken", "tok-" + id)
                .data("consent", consent)
                .build();
        record(upsert);
    }

    void record(CustomerEvent e) {
        events.append(e);
        FoldedCustomer f = AttimoCore.profileFolder()
                .fold(
                        e.customerId(),
                        events.history(e.customerId()),
                        profiles.find(e.customerId()).orElse(null),
                        clock.instant());
        profiles.put(f.profile());
        if (f.contact() != null) contacts.put(f.contact());
    }

    static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(ROME).toInstant();
    }

    PlanStep plan(
            String customer,
            String step,
            MessageKind kind,
            Instant anchor,
            Duration offset,
            Duration window,
            PlanOptions options) {
        return new PlanStep(
                customer, Channel.EMAIL, kind, anchor, offset, window, "post-purchase", step, EXECUTION, options);
    }

    PlanOptions channels(Channel... cs) {
        return new PlanOptions(List.of(cs), Map.of(), null);
    }

    // ---- the welcome's first channel

    @Test
    void theWelcomeGoesOnTheFirstConsentedChannelWhoseWindowAllowsItWithinTheHour() {
        customer("c-push", "b2c", MILANO, Map.of("email", true, "sms", true, "push", true), true);
        customer("c-sms", "b2c", MILANO, Map.of("email", true, "sms", true, "push", false), true);
        Instant delivered = local("2026-06-09T15:00");
        var order = channels(Channel.PUSH, Channel.SMS, Channel.EMAIL);

        Map<String, Object> push = steps.handle(
                plan("c-push", "welcome", MessageKind.SERVICE, delivered, Duration.ZERO, Duration.ofHours(1), order));
        assertThat(push.get("channel")).isEqualTo("push");
        assertThat(Instant.parse(push.get("sendAt").toString())).isBetween(delivered, delivered.plusSeconds(3600));

        Map<String, Object> sms = steps.handle(
                plan("c-sms", "welcome", MessageKind.SERVICE, delivered, Duration.ZERO, Duration.ofHours(1), order));
        assertThat(sms.get("channel")).isEqualTo("sms");
        assertThat(Instant.parse(sms.get("sendAt").toString())).isBetween(delivered, delivered.plusSeconds(3600));
        assertThat(ledger.forCustomer("c-sms"))
                .filteredOn(MessageRecord::isPlan)
                .extracting(MessageRecord::channel)
                .containsExactly(Channel.SMS);
    }

    @Test
    void thePreferredChannelIsTriedFirstAmongTheConsentedOnes() {
        customer("c-pref", "b2c", MILANO, Map.of("email", true, "sms", true, "push", true), true);
        record(Events.event(EventTypes.PREFERENCES_UPDATED, "c-pref")
                .id("p-pref")
                .at("2026-06-02T08:00:00Z")
                .data("preferredChannel", "sms")
                .data("source", "preference-centre")
                .build());
        Instant delivered = local("2026-06-09T15:00");
        Map<String, Object> p = steps.handle(plan(
                "c-pref",
                "welcome",
                MessageKind.SERVICE,
                delivered,
                Duration.ZERO,
                Duration.ofHours(1),
                channels(Channel.PUSH, Channel.SMS, Channel.EMAIL)));
        assertThat(p.get("channel")).isEqualTo("sms");
        assertThat(p.get("reasons").toString()).contains("channel: sms first, the customer's preferred channel");

        // a preferred channel without consent is not used
        customer("c-pref-sms", "b2c", MILANO, Map.of("email", true, "push", true), true);
        record(Events.event(EventTypes.PREFERENCES_UPDATED, "c-pref-sms")
                .id("p-pref-sms")
                .at("2026-06-02T08:00:00Z")
                .data("preferredChannel", "sms")
                .build());
        Map<String, Object> q = steps.handle(plan(
                "c-pref-sms",
                "welcome",
                MessageKind.SERVICE,
                delivered,
                Duration.ZERO,
                Duration.ofHours(1),
                channels(Channel.PUSH, Channel.SMS, Channel.EMAIL)));
        assertThat(q.get("channel")).isEqualTo("push");
    }

    @Test
    void whereNoWindowAllowsItTheWelcomeTakesTheEarliestEmailSlot() {
        customer("c-mail", "b2c", MILANO, Map.of("email", true, "sms", true), true);
        Instant evening = local("2026-06-09T20:00");
        clock.set(evening.minusSeconds(60));
        Map<String, Object> p = steps.handle(plan(
                "c-mail",
                "welcome",
                MessageKind.SERVICE,
                evening,
                Duration.ZERO,
                Duration.ofHours(1),
                channels(Channel.PUSH, Channel.SMS, Channel.EMAIL)));
        assertThat(p.get("channel")).isEqualTo("email");
        assertThat(p.get("reasons").toString()).contains("earliest allowed slot of email");
        LocalDateTime at = LocalDateTime.ofInstant(Instant.parse(p.get("sendAt").toString()), ROME);
        assertThat(at.toLocalDate()).isEqualTo(LocalDate.parse("2026-06-10"));
    }

    @Test
    void withoutEmailTheFallbackIsTheFirstUsableChannelAndWithoutAnyItSaysSo() {
        customer("c-sms-only", "b2c", NAPOLI, Map.of("sms", true), false);
        Instant night = local("2026-06-09T23:30");
        clock.set(night);
        Map<String, Object> p = steps.handle(plan(
                "c-sms-only",
                "apology",
                MessageKind.TRANSACTIONAL,
                night,
                Duration.ZERO,
                Duration.ofHours(2),
                channels(Channel.PUSH, Channel.SMS, Channel.EMAIL)));
        assertThat(p.get("channel")).isEqualTo("sms");
        assertThat(LocalDateTime.ofInstant(Instant.parse(p.get("sendAt").toString()), ROME))
                .isEqualTo(LocalDateTime.parse("2026-06-10T08:00"));

        customer("c-none", "b2c", NAPOLI, Map.of("sms", false), false);
        Map<String, Object> none = steps.handle(plan(
                "c-none",
                "apology",
                MessageKind.TRANSACTIONAL,
                night,
                Duration.ZERO,
                Duration.ofHours(2),
                channels(Channel.PUSH, Channel.SMS)));
        assertThat(none.get("channel")).isEqualTo("email");
        assertThat(none.get("reasons").toString()).contains("no consented, reachable channel among push, sms");
    }

    @Test
    void pushAndSmsNeedExplicitConsentAndEmailForMarketingToo() {
        var profile = it.attimo.core.customer.Profile.empty("x");
        var contact = new it.attimo.core.customer.Contact("x", "x@example.it", "+39333", "tok");
        assertThat(PlanFirstChannel.usable(profile, contact, Channel.PUSH, MessageKind.SERVICE))
                .isFalse();
        assertThat(PlanFirstChannel.usable(profile, contact, Channel.EMAIL, MessageKind.SERVICE))
                .isTrue();
        assertThat(PlanFirstChannel.usable(profile, contact, Channel.EMAIL, MessageKind.MARKETING))
                .isFalse();
        assertThat(PlanFirstChannel.usable(profile, null, Channel.EMAIL, MessageKind.SERVICE))
                .isFalse();
    }

    @Test
    void aPlanWithoutChannelsOrProfileIsAnOrdinaryPlan() {
        Map<String, Object> unknown = steps.handle(plan(
                "ghost",
                "welcome",
                MessageKind.SERVICE,
                clock.instant(),
                Duration.ZERO,
                Duration.ofHours(1),
                channels(Channel.PUSH)));
        assertThat(unknown.get("skipped")).isEqualTo(true);
        customer("c-plain", "b2c", MILANO, Map.of("email", true), true);
        Map<String, Object> plain = steps.handle(plan(
                "c-plain",
                "tutorial",
                MessageKind.SERVICE,
                clock.instant(),
                Duration.ofHours(24),
                Duration.ofHours(12),
                PlanOptions.NONE));
        assertThat(plain).doesNotContainKey("channel").containsKey("sendAt");
    }

    /**
     * Issue 9: the score function starts a journey just before it saves the trigger's profile, so the first-channel
     * plan may read no profile while the ordinary plan it delegates to reads the one saved meanwhile. That plan is a
     * send, and the dispatch reads its channel from the plan: without one the execution aborted.
     */
    @Test
    void aProfileSavedBetweenTheTwoReadsOfAPlanStillGivesTheDispatchAChannel() {
        customer("c-late", "b2c", MILANO, Map.of("email", true), true);
        int[] reads = {0};
        ProfileStore savedJustAfterTheFirstRead = new ForwardingProfileStore(profiles) {
            @Override
            public Optional<Profile> find(String customerId) {
                return reads[0]++ == 0 ? Optional.empty() : super.find(customerId);
            }
        };
        PlanFirstChannel firstChannel = new PlanFirstChannel(
                new PlanSend(profiles, ledger, AttimoCore.sendPlanner(), clock),
                savedJustAfterTheFirstRead,
                contacts,
                clock);
        Instant delivered = local("2026-06-09T15:00");

        Map<String, Object> welcome = firstChannel.plan(plan(
                "c-late",
                "welcome",
                MessageKind.SERVICE,
                delivered,
                Duration.ZERO,
                Duration.ofHours(1),
                channels(Channel.PUSH, Channel.SMS, Channel.EMAIL)));

        assertThat(welcome.get("skipped")).isEqualTo(false);
        assertThat(welcome).containsKey("sendAt").containsEntry("channel", "email");
    }

    /**
     * A new customer's first events start the journey a moment before the score function stores the profile: the plan
     * then fails as transient (the state machine's Retry plans again) instead of skipping every step of the journey.
     * An erased or unknown customer still skips.
     */
    @Test
    void aProfileNotStoredYetIsRetriedWhileAnErasedOrUnknownCustomerIsSkipped() {
        PlanSend plan =
                new PlanSend(profiles, ledger, AttimoCore.sendPlanner(), clock, ExperimentAssignments.NONE, events);
        events.append(Events.event(EventTypes.CUSTOMER_UPSERTED, "c-new")
                .id("u-c-new")
                .at("2026-06-01T08:00:00Z")
                .build());
        PlanStep welcome = plan(
                "c-new",
                "welcome",
                MessageKind.SERVICE,
                local("2026-06-09T15:00"),
                Duration.ZERO,
                Duration.ofHours(1),
                channels(Channel.EMAIL));

        assertThatThrownBy(() -> plan.plan(welcome))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not stored yet")
                .satisfies(
                        e -> assertThat(JourneyError.of((RuntimeException) e)).isEqualTo(JourneyError.TRANSIENT));

        events.erase("c-new", clock.instant());
        assertThat(plan.plan(welcome)).containsEntry("skipped", true);
        assertThat(plan.plan(new PlanStep(
                        "c-unknown",
                        welcome.channel(),
                        welcome.kind(),
                        welcome.anchor(),
                        welcome.offset(),
                        welcome.window(),
                        welcome.journey(),
                        welcome.step(),
                        welcome.executionName(),
                        welcome.options())))
                .containsEntry("skipped", true);
    }

    // ---- when a step's window opens

    @Test
    void theAccessoriesOfferOpensAtTheAreasMagicMoment() {
        customer("c-nord", "b2c", MILANO, Map.of("email", true), true);
        customer("c-sud", "b2c", NAPOLI, Map.of("email", true), true);
        customer("c-centro", "b2c", ROMA, Map.of("email", true), true);
        Instant delivered = local("2026-06-08T10:00");
        var byArea = new PlanOptions(
                List.of(),
                Map.of(
                        "Nord",
                        Duration.ofHours(68),
                        "Centro",
                        Duration.ofHours(76),
                        "Sud e Isole",
                        Duration.ofHours(84)),
                null);
        for (var c : Map.of("c-nord", 68, "c-sud", 84, "c-centro", 76).entrySet()) {
            Map<String, Object> p = steps.handle(plan(
                    c.getKey(),
                    "accessories",
                    MessageKind.SERVICE,
                    delivered,
                    Duration.ofHours(76),
                    Duration.ofHours(24),
                    byArea));
            assertThat(Instant.parse(p.get("sendAt").toString()))
                    .as(c.getKey())
                    .isAfterOrEqualTo(delivered.plus(Duration.ofHours(c.getValue())));
            assertThat(Instant.parse(p.get("deadline").toString()))
                    .isEqualTo(delivered.plus(Duration.ofHours(c.getValue() + 24)));
        }
    }

    @Test
    void areaGroupsFollowTheMacroAreas() {
        assertThat(PlanOptions.areaGroup(null)).isNull();
        assertThat(PlanOptions.areaGroup(new Location("1", null, null, null, null, "Nord-est")))
                .isEqualTo("Nord");
        assertThat(PlanOptions.areaGroup(new Location("1", null, null, null, null, "Isole")))
                .isEqualTo("Sud e Isole");
        assertThat(PlanOptions.areaGroup(new Location("1", null, null, null, null, "Centro")))
                .isEqualTo("Centro");
        assertThat(PlanOptions.areaGroup(new Location("1", null, null, null, null, "Estero")))
                .isNull();
        assertThatThrownBy(() -> new PlanOptions(List.of(), Map.of("Lombardia", Duration.ZERO), null))
                .hasMessageContaining("not an area group");
        assertThatThrownBy(() -> new PlanOptions(List.of(), Map.of(), "tomorrow"))
                .hasMessageContaining("next-working-day");
    }

    @Test
    void helpGoesTheNextWorkingDaySkippingTheWeekendAndHolidays() {
        customer("c-help", "b2c", MILANO, Map.of("email", true), true);
        var nextWorkingDay = new PlanOptions(List.of(), Map.of(), PlanOptions.NEXT_WORKING_DAY);
        Instant friday = local("2026-06-12T18:00");
        clock.set(friday);
        Map<String, Object> p = steps.handle(plan(
                "c-help", "help", MessageKind.SERVICE, friday, Duration.ZERO, Duration.ofHours(8), nextWorkingDay));
        assertThat(LocalDateTime.ofInstant(Instant.parse(p.get("sendAt").toString()), ROME)
                        .toLocalDate())
                .isEqualTo(LocalDate.parse("2026-06-15"));
        // Monday 1 June 2026: Tuesday 2 June is Festa della Repubblica
        Instant monday = local("2026-06-01T18:00");
        clock.set(monday);
        Map<String, Object> q = steps.handle(new PlanStep(
                "c-help",
                Channel.EMAIL,
                MessageKind.SERVICE,
                monday,
                Duration.ZERO,
                Duration.ofHours(8),
                "order-return",
                "help",
                "order-return-c-help-r-2",
                nextWorkingDay));
        assertThat(LocalDateTime.ofInstant(Instant.parse(q.get("sendAt").toString()), ROME)
                        .toLocalDate())
                .isEqualTo(LocalDate.parse("2026-06-03"));
    }

    @Test
    void aDecemberDeliveryBringsTheRepurchaseWindowThreeDaysEarlierButNotTheShortSteps() {
        customer("c-dec", "b2c", MILANO, Map.of("email", true), true);
        Instant december = local("2026-12-10T11:00");
        clock.set(december);
        Map<String, Object> repurchase = steps.handle(plan(
                "c-dec",
                "repurchase",
                MessageKind.MARKETING,
                december,
                Duration.ofDays(7),
                Duration.ofDays(7),
                PlanOptions.NONE));
        assertThat(repurchase.get("reasons").toString()).contains("december-shift: delivered on 2026-12-10");
        assertThat(Instant.parse(repurchase.get("deadline").toString())).isEqualTo(december.plus(Duration.ofDays(11)));
        Map<String, Object> tutorial = steps.handle(plan(
                "c-dec",
                "tutorial",
                MessageKind.SERVICE,
                december,
                Duration.ofHours(24),
                Duration.ofHours(12),
                PlanOptions.NONE));
        assertThat(tutorial.get("reasons").toString()).doesNotContain("december-shift");

        Instant lateDecember = local("2026-12-22T11:00");
        clock.set(lateDecember);
        Map<String, Object> late = new JourneyStepsTestPlan(steps).repurchase("c-dec", lateDecember, "x-2");
        assertThat(Instant.parse(late.get("deadline").toString())).isEqualTo(lateDecember.plus(Duration.ofDays(14)));
        // a journey without the rule is never shifted
        assertThat(AttimoCore.sendPlanner()
                        .anticipation("onboarding-72h", december, december.plus(Duration.ofDays(7)), new ArrayList<>()))
                .isZero();
        assertThat(TimingRules.inDecemberShift(LocalDate.parse("2026-12-21"))).isTrue();
        assertThat(TimingRules.inDecemberShift(LocalDate.parse("2026-12-22"))).isFalse();
        assertThat(TimingRules.inDecemberShift(LocalDate.parse("2026-11-30"))).isFalse();
    }

    /** A second repurchase plan under another execution name. */
    record JourneyStepsTestPlan(JourneySteps steps) {
        Map<String, Object> repurchase(String customer, Instant anchor, String execution) {
            return steps.handle(new PlanStep(
                    customer,
                    Channel.EMAIL,
                    MessageKind.MARKETING,
                    anchor,
                    Duration.ofDays(7),
                    Duration.ofDays(7),
                    "post-purchase",
                    "repurchase",
                    execution,
                    PlanOptions.NONE));
        }
    }

    // ---- holds at dispatch time

    DispatchStep dispatch(String customer, String step, String orderId) {
        return new DispatchStep(
                customer,
                "post-purchase",
                step,
                Channel.EMAIL,
                MessageKind.MARKETING,
                EXECUTION + "-" + orderId,
                List.of(),
                null,
                Map.of("orderId", orderId));
    }

    CustomerEvent order(String type, String customer, String orderId, String at, Object... more) {
        var b = Events.event(type, customer)
                .id(type + "-" + orderId + "-" + at)
                .at(Instant.parse(at))
                .data("orderId", orderId);
        for (int i = 0; i < more.length; i += 2) b.data(more[i].toString(), more[i + 1]);
        return b.build();
    }

    @Test
    void aReturnedOrderStopsItsAccessoriesAndRepurchaseButNotTheOtherOrders() {
        customer("c-ret", "b2c", MILANO, Map.of("email", true), true);
        clock.set(Instant.parse("2026-06-12T09:00:00Z"));
        record(order(EventTypes.ORDER_DELIVERED, "c-ret", "o-1", "2026-06-08T09:00:00Z"));
        record(order(EventTypes.ORDER_RETURNED, "c-ret", "o-1", "2026-06-10T09:00:00Z"));
        Map<String, Object> held = steps.handle(dispatch("c-ret", "repurchase", "o-1"));
        assertThat(held).containsEntry("status", "held");
        assertThat(held.get("reason").toString()).contains("order-returned").contains("o-1");
        assertThat(gateway.sent()).isEmpty();
        // the welcome is not held by a return, and another order's repurchase is not either
        assertThat(steps.handle(dispatch("c-ret", "welcome", "o-1"))).containsEntry("status", "sent");
        clock.advance(Duration.ofDays(2)); // past the marketing cap of one a day
        assertThat(steps.handle(dispatch("c-ret", "repurchase", "o-2"))).containsEntry("status", "sent");
    }

    @Test
    void aDelayedOrderPausesItsMarketingUntilDelivered() {
        customer("c-late", "b2c", MILANO, Map.of("email", true), true);
        clock.set(Instant.parse("2026-06-12T09:00:00Z"));
        record(order(EventTypes.DELIVERY_DELAYED, "c-late", "o-1", "2026-06-10T09:00:00Z", "delayHours", 50));
        assertThat(steps.handle(dispatch("c-late", "survey", "o-1"))).containsEntry("status", "held");
        record(order(EventTypes.ORDER_DELIVERED, "c-late", "o-1", "2026-06-11T09:00:00Z"));
        assertThat(steps.handle(dispatch("c-late", "contextual", "o-1"))).containsEntry("status", "sent");
    }

    @Test
    void aHighChurnRiskHoldsMarketingSteps() {
        customer("c-risk", "b2c", MILANO, Map.of("email", true), true);
        record(order(EventTypes.DELIVERY_DELAYED, "c-risk", "o-1", "2026-06-01T09:00:00Z", "delayHours", 96));
        record(order(EventTypes.ORDER_DELIVERED, "c-risk", "o-1", "2026-06-05T09:00:00Z"));
        clock.set(Instant.parse("2026-06-06T09:00:00Z"));
        assertThat(steps.handle(dispatch("c-risk", "accessories", "o-1"))).containsEntry("status", "sent");
        clock.set(Instant.parse("2026-06-12T09:00:00Z"));
        Map<String, Object> held = steps.handle(dispatch("c-risk", "repurchase", "o-1"));
        assertThat(held).containsEntry("status", "held");
        assertThat(held.get("reason").toString()).contains("churn-high");
        // an unknown journey has no holds
        assertThat(new OrderHolds(JourneyCatalog.defaults())
                        .heldBecause("winback", "x", "o-1", events.history("c-risk"), clock.instant()))
                .isEmpty();
    }

    // ---- coupons

    CouponStep couponStep(String customer, String execution) {
        return new CouponStep(customer, execution, "apology", "o-1", null);
    }

    @Test
    void aCouponIsIssuedOncePerExecutionStepWithAFreshUnguessableCode() {
        customer("c-coupon", "b2c", ROMA, Map.of("email", true), true);
        Map<String, Object> first = steps.handle(couponStep("c-coupon", "delivery-delay-c-coupon-d-1"));
        Map<String, Object> retry = steps.handle(couponStep("c-coupon", "delivery-delay-c-coupon-d-1"));
        Map<String, Object> other = steps.handle(couponStep("c-coupon", "delivery-delay-c-coupon-d-2"));
        assertThat(first).containsEntry("status", "issued");
        assertThat(retry.get("code")).isEqualTo(first.get("code"));
        assertThat(other.get("code")).isNotEqualTo(first.get("code"));
        assertThat(CouponCodes.looksLikeCode(first.get("code").toString())).isTrue();
        Coupon c = coupons.find(first.get("code").toString()).orElseThrow();
        assertThat(c.reason()).isEqualTo("apology");
        assertThat(c.status()).isEqualTo("issued");
        assertThat(coupons.size()).isEqualTo(2);
        assertThat(steps.handle(couponStep("ghost", "delivery-delay-ghost-d-1")))
                .containsEntry("status", "skipped");
    }

    @Test
    void aTakenCodeIsDrawnAgainAndEndlessCollisionsAreTransient() {
        customer("c-collide", "b2c", ROMA, Map.of("email", true), true);
        RandomGenerator zeros = () -> 0L;
        JourneySteps sameCode = wired(new CouponCodes(zeros));
        assertThat(sameCode.handle(couponStep("c-collide", "e-1"))).containsEntry("status", "issued");
        assertThatThrownBy(() -> sameCode.handle(couponStep("c-collide", "e-2")))
                .isInstanceOf(TransientJourneyException.class)
                .hasMessageContaining("no free coupon code");
        assertThat(CouponCodes.looksLikeCode("SCUSE-0000000000")).isTrue();
        assertThat(CouponCodes.looksLikeCode("SCUSE-00000000OI")).isFalse();
        assertThat(CouponCodes.looksLikeCode(null)).isFalse();
    }

    @Test
    void theCouponActionIsRefusedWhereNoStoreIsWired() {
        JourneySteps none = new JourneySteps(null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> none.handle(couponStep("c", "e")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coupons are not configured");
    }
}
