package it.attimo.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.coupon.Coupon;
import it.attimo.core.customer.ChurnRisk;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.port.ScoreWriteBack;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryCouponStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingJourneyRuntime;
import it.attimo.core.testing.RecordingRescoreScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The score function's part of post-purchase: per-order journeys, coupon redemption, the churn rule's signal. */
class PostPurchaseEventsTest {
    static final String C = "c-1";
    final MutableClock clock = MutableClock.at("2026-06-01T08:00:00Z");
    final InMemoryEventLog log = new InMemoryEventLog();
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final RecordingJourneyRuntime runtime = new RecordingJourneyRuntime();
    final RecordingRescoreScheduler rescores = new RecordingRescoreScheduler();
    final InMemoryCouponStore coupons = new InMemoryCouponStore();
    final ProcessCustomerEvents process = new ProcessCustomerEvents(
            log,
            profiles,
            new InMemoryContactStore(),
            new InMemoryWaitRegistry(),
            new InMemoryMessageLedger(),
            runtime,
            new InMemoryQuarantineStore(),
            rescores,
            new ProfileFolder(new DirectoryGeoResolver(ComuneDirectory.bundled()), Scorer.NONE),
            JourneyCatalog.defaults(),
            ScoreWriteBack.NONE,
            coupons,
            clock);

    CustomerEvent event(String type, String id, String at, Object... data) {
        var b = Events.event(type, C).id(id).at(at);
        for (int i = 0; i < data.length; i += 2) b.data(data[i].toString(), data[i + 1]);
        return b.build();
    }

    void handle(CustomerEvent e) {
        if (e.time().isAfter(clock.instant())) clock.set(e.time());
        process.handle(e);
    }

    List<String> started(String journey) {
        return runtime.executions().stream()
                .filter(x -> x.journey().equals(journey))
                .map(RecordingJourneyRuntime.Execution::executionName)
                .toList();
    }

    @Test
    void eachOrderIsItsOwnJourneyAndOnlyDelaysOverTwoDaysGetAnApology() {
        handle(event(EventTypes.CUSTOMER_UPSERTED, "u", "2026-06-01T08:00:00Z", "segment", "b2c", "comune", "015146"));
        handle(event(EventTypes.ORDER_DELIVERED, "d-1", "2026-06-02T08:00:00Z", "orderId", "o-1"));
        handle(event(EventTypes.ORDER_DELIVERED, "d-2", "2026-06-02T09:00:00Z", "orderId", "o-2"));
        handle(event(EventTypes.DELIVERY_DELAYED, "l-1", "2026-06-02T10:00:00Z", "orderId", "o-3", "delayHours", 30));
        handle(event(EventTypes.DELIVERY_DELAYED, "l-2", "2026-06-02T11:00:00Z", "orderId", "o-4", "delayHours", 49));
        handle(event(EventTypes.ORDER_RETURNED, "r-1", "2026-06-02T12:00:00Z", "orderId", "o-1"));
        assertThat(started("post-purchase")).hasSize(2);
        assertThat(started("delivery-delay")).hasSize(1);
        assertThat(started("order-return")).hasSize(1);
        assertThat(runtime.executions())
                .filteredOn(x -> x.journey().equals("delivery-delay"))
                .allSatisfy(x -> assertThat(x.input()).contains("\"orderId\":\"o-4\""));
    }

    @Test
    void anOrderNamingACouponRedeemsItOnceAndAnotherOrderFindsItTaken() {
        coupons.issue(new Coupon("SCUSE-AAAAAAAAAA", "e#apology", C, "o-1", "apology", clock.instant(), null, null));
        handle(event(
                EventTypes.ORDER_PLACED,
                "p-2",
                "2026-06-03T08:00:00Z",
                "orderId",
                "o-2",
                "coupon",
                "SCUSE-AAAAAAAAAA"));
        handle(event(
                EventTypes.ORDER_PLACED,
                "p-2",
                "2026-06-03T08:00:00Z",
                "orderId",
                "o-2",
                "coupon",
                "SCUSE-AAAAAAAAAA"));
        handle(event(
                EventTypes.ORDER_PLACED,
                "p-3",
                "2026-06-04T08:00:00Z",
                "orderId",
                "o-3",
                "coupon",
                "SCUSE-AAAAAAAAAA"));
        Coupon c = coupons.find("SCUSE-AAAAAAAAAA").orElseThrow();
        assertThat(c.redeemedBy()).isEqualTo("o-2");
        assertThat(c.redeemedAt()).isEqualTo(Instant.parse("2026-06-03T08:00:00Z"));
        assertThat(c.status()).isEqualTo("redeemed");
        // unknown codes and other customers' codes change nothing
        handle(event(EventTypes.ORDER_PLACED, "p-4", "2026-06-04T09:00:00Z", "orderId", "o-4", "coupon", "NOPE"));
        assertThat(coupons.redeem("SCUSE-AAAAAAAAAA", "someone-else", "o-9", clock.instant())
                        .outcome()
                        .name())
                .isEqualTo("NOT_YOURS");
        assertThat(coupons.size()).isEqualTo(1);
    }

    @Test
    void theChurnRuleTurnsHighAtTheEndOfTheWatchAndStartsTheTaskJourneyOnce() {
        handle(event(EventTypes.CUSTOMER_UPSERTED, "u", "2026-06-01T08:00:00Z", "segment", "b2c", "comune", "015146"));
        handle(event(EventTypes.DELIVERY_DELAYED, "l-1", "2026-06-01T09:00:00Z", "orderId", "o-1", "delayHours", 96));
        assertThat(profiles.find(C).orElseThrow().churn().segment()).isEqualTo(ChurnRisk.MEDIUM);
        handle(event(EventTypes.ORDER_DELIVERED, "d-1", "2026-06-05T09:00:00Z", "orderId", "o-1"));
        Instant watchEnd = Instant.parse("2026-06-07T09:00:00Z");
        assertThat(rescores.requests()).anySatisfy(r -> assertThat(r.at()).isEqualTo(watchEnd));
        assertThat(started("churn-risk")).isEmpty();

        clock.set(watchEnd.plusSeconds(60));
        process.process(List.of(new InboundMessage("m-r", ProcessCustomerEvents.rescoreCommand(C, clock.instant()))));
        ChurnRisk risk = profiles.find(C).orElseThrow().churn();
        assertThat(risk.high()).isTrue();
        assertThat(risk.probability()).isGreaterThan(0.65);
        assertThat(started("churn-risk")).hasSize(1);
        process.process(List.of(new InboundMessage("m-r2", ProcessCustomerEvents.rescoreCommand(C, clock.instant()))));
        assertThat(started("churn-risk")).hasSize(1);
        assertThat(profiles.find(C).orElseThrow().journeys())
                .anySatisfy(j -> assertThat(j.journey()).isEqualTo("churn-risk"));
    }

    @Test
    void theChurnRuleReadsDelaysInteractionAndTheWatchWindow() {
        Instant delivered = Instant.parse("2026-06-05T09:00:00Z");
        CustomerEvent delay96 =
                event(EventTypes.DELIVERY_DELAYED, "l", "2026-06-01T09:00:00Z", "orderId", "o-1", "delayHours", 96);
        CustomerEvent delay50 =
                event(EventTypes.DELIVERY_DELAYED, "l5", "2026-06-01T09:00:00Z", "orderId", "o-1", "delayHours", 50);
        CustomerEvent deliveredEvent = event(EventTypes.ORDER_DELIVERED, "d", delivered.toString(), "orderId", "o-1");
        CustomerEvent open = event(EventTypes.EMAIL_OPENED, "o1", "2026-06-05T12:00:00Z");
        CustomerEvent click = event(EventTypes.EMAIL_CLICKED, "o2", "2026-06-05T13:00:00Z");
        Instant after = delivered.plus(Duration.ofHours(49));

        assertThat(ChurnRule.assess(List.of(), after).risk().segment()).isEqualTo("low");
        assertThat(ChurnRule.assess(List.of(delay96), after).risk().reasons().get(0))
                .contains("not yet delivered");
        assertThat(ChurnRule.assess(List.of(delay50), after).risk().segment()).isEqualTo("medium");
        assertThat(ChurnRule.assess(List.of(delay50, deliveredEvent), after)
                        .risk()
                        .reasons()
                        .get(0))
                .contains("over 48 h");
        ChurnRule.Assessment watched = ChurnRule.assess(List.of(delay96, deliveredEvent), delivered.plusSeconds(60));
        assertThat(watched.risk().segment()).isEqualTo("medium");
        assertThat(watched.nextDeadline()).contains(delivered.plus(Duration.ofHours(48)));
        ChurnRule.Assessment high = ChurnRule.assess(List.of(delay96, deliveredEvent, open), after);
        assertThat(high.risk().segment()).isEqualTo("high");
        assertThat(high.orderId()).isEqualTo("o-1");
        assertThat(high.risk().reasons()).anySatisfy(r -> assertThat(r).contains("1 interaction in the 48 h"));
        assertThat(ChurnRule.assess(List.of(delay96, deliveredEvent, open, click), after)
                        .risk()
                        .segment())
                .isEqualTo("medium");
        // delivered without delay and nothing since: low interaction alone is medium
        assertThat(ChurnRule.assess(List.of(deliveredEvent), after).risk().segment())
                .isEqualTo("medium");
        assertThat(ChurnRule.assess(List.of(deliveredEvent, open, click), after)
                        .risk()
                        .segment())
                .isEqualTo("low");
        // an event stamped after the instant assessed is still a fact of the log: the watch starts from it
        ChurnRule.Assessment early =
                ChurnRule.assess(List.of(delay96, deliveredEvent), Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(early.risk().segment()).isEqualTo("medium");
        assertThat(early.nextDeadline()).contains(delivered.plus(Duration.ofHours(48)));
    }

    @Test
    void aChurnRiskNamesItsSegment() {
        assertThat(new ChurnRisk("high", 0.7, null).reasons()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChurnRisk("extreme", 1, List.of()))
                .hasMessageContaining("high, medium or low");
        assertThat(Map.of("segment", ChurnRisk.NONE.segment())).containsEntry("segment", "low");
    }
}
