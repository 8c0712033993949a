package it.attimo.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.AttimoCore;
import it.attimo.core.channel.Channel;
import it.attimo.core.error.NotFound;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.journey.DispatchSend;
import it.attimo.core.journey.DispatchStep;
import it.attimo.core.journey.PlanSend;
import it.attimo.core.journey.PlanStep;
import it.attimo.core.profile.FoldedCustomer;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryExperimentStore;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingChannelGateway;
import it.attimo.core.timing.MessageKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plan step takes the customer's arm's offset, the dispatch step labels the message, and the report reads the
 * ledger and the event log: the whole loop over in-memory ports.
 */
class ExperimentStepsTest {
    static final Instant DELIVERED = Instant.parse("2026-06-09T08:00:00Z"); // Tuesday 10:00 in Milan

    final MutableClock clock = MutableClock.at(DELIVERED.toString());
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    final InMemoryEventLog events = new InMemoryEventLog();
    final InMemoryExperimentStore store = new InMemoryExperimentStore();
    final RecordingChannelGateway gateway = new RecordingChannelGateway();
    final ExperimentCatalog catalog = ExperimentFixtures.tutorialTiming(100);
    final ExperimentAssignments assignments = new ExperimentAssignments(catalog, store, clock);
    final PlanSend plan = new PlanSend(profiles, ledger, AttimoCore.sendPlanner(), clock, assignments);
    final DispatchSend dispatch =
            new DispatchSend(profiles, contacts, ledger, gateway, AttimoCore.sendPlanner(), events, clock, assignments);
    final ExperimentReports reports = new ExperimentReports(catalog, store, ledger, events, clock);

    void customer(String id) {
        CustomerEvent upsert = Events.event(EventTypes.CUSTOMER_UPSERTED, id)
                .id("u-" + id)
                .at("2026-06-01T08:00:00Z")
                .data("segment", "b2c")
                .data("comune", "015146")
                .data("email", id + "@example.it")
                .data("consent", Map.of("email", true))
                .build();
        FoldedCustomer f = AttimoCore.profileFolder().fold(id, List.of(upsert), null, clock.instant());
        profiles.put(f.profile());
        contacts.put(f.contact());
    }

    String execution(String c) {
        return "post-purchase-" + c + "-o1";
    }

    Map<String, Object> planTutorial(String c) {
        return plan.plan(new PlanStep(
                c,
                Channel.EMAIL,
                MessageKind.SERVICE,
                DELIVERED,
                Duration.ofHours(24),
                Duration.ofHours(12),
                "post-purchase",
                "tutorial",
                execution(c)));
    }

    Map<String, Object> dispatchTutorial(String c) {
        return dispatch.dispatch(new DispatchStep(
                c,
                "post-purchase",
                "tutorial",
                Channel.EMAIL,
                MessageKind.SERVICE,
                execution(c),
                null,
                null,
                Map.of("orderId", "o1")));
    }

    String customerWithArm(String arm, int from) {
        Experiment e = catalog.all().get(0);
        for (int i = from; ; i++) {
            if (e.armAt(ExperimentAssignments.point(e.id(), "c-" + i)).name().equals(arm)) return "c-" + i;
        }
    }

    @Test
    void eachArmPlansAtItsOwnOffsetAndTheMessageCarriesTheArm() {
        String twelve = customerWithArm("tutorial-12h", 0);
        String twentyFour = customerWithArm("tutorial-24h", 0);
        customer(twelve);
        customer(twentyFour);

        Map<String, Object> p12 = planTutorial(twelve);
        Map<String, Object> p24 = planTutorial(twentyFour);
        assertThat(p12.get("experiment")).isEqualTo(Map.of("id", "tutorial-timing", "arm", "tutorial-12h"));
        assertThat(p24.get("experiment")).isEqualTo(Map.of("id", "tutorial-timing", "arm", "tutorial-24h"));
        Instant at12 = Instant.parse((String) p12.get("sendAt"));
        Instant at24 = Instant.parse((String) p24.get("sendAt"));
        // delivered Tuesday 10:00: +12 h is 22:00, so the e-mail window moves it to Wednesday morning; +24 h is
        // Wednesday 10:00 and after
        assertThat(at12)
                .isAfterOrEqualTo(DELIVERED.plus(Duration.ofHours(12)))
                .isBefore(DELIVERED.plus(Duration.ofHours(24)));
        assertThat(at24)
                .isAfterOrEqualTo(DELIVERED.plus(Duration.ofHours(24)))
                .isBefore(DELIVERED.plus(Duration.ofHours(36)));

        clock.set(at12);
        assertThat(dispatchTutorial(twelve)).containsEntry("status", "sent");
        assertThat(gateway.sent().get(0).context())
                .containsEntry("orderId", "o1")
                .containsEntry("experimentId", "tutorial-timing")
                .containsEntry("experimentArm", "tutorial-12h");
    }

    @Test
    void aStepOutsideTheExperimentKeepsThePayloadsOffsetAndNoLabel() {
        customer("c-1");
        Map<String, Object> out = plan.plan(new PlanStep(
                "c-1",
                Channel.EMAIL,
                MessageKind.SERVICE,
                DELIVERED,
                Duration.ofHours(48),
                Duration.ofHours(24),
                "post-purchase",
                "survey",
                execution("c-1")));
        assertThat(out).doesNotContainKey("experiment");
        assertThat(Instant.parse((String) out.get("sendAt"))).isAfterOrEqualTo(DELIVERED.plus(Duration.ofHours(48)));
        assertThat(store.assignments("tutorial-timing")).isEmpty();
    }

    @Test
    void anUnknownCustomerIsNotAssigned() {
        assertThat(planTutorial("ghost")).containsEntry("skipped", true).doesNotContainKey("experiment");
        assertThat(store.assignments("tutorial-timing")).isEmpty();
    }

    @Test
    void theReportCountsSendsAndConversionsWithinTheWindow() {
        // 4 customers per arm; in the 24 h arm 3 watch the guide in time, in the 12 h arm 1 does, 1 too late
        List<String> c12 = List.of(
                customerWithArm("tutorial-12h", 0),
                customerWithArm("tutorial-12h", 1000),
                customerWithArm("tutorial-12h", 2000),
                customerWithArm("tutorial-12h", 3000));
        List<String> c24 = List.of(
                customerWithArm("tutorial-24h", 0),
                customerWithArm("tutorial-24h", 1000),
                customerWithArm("tutorial-24h", 2000),
                customerWithArm("tutorial-24h", 3000));
        for (String c : c12) customer(c);
        for (String c : c24) customer(c);
        String neverSent = customerWithArm("tutorial-24h", 4000);
        customer(neverSent);
        for (String c : c12) planTutorial(c);
        for (String c : c24) planTutorial(c);
        planTutorial(neverSent);
        clock.set(DELIVERED.plus(Duration.ofHours(30)));
        for (String c : c12) dispatchTutorial(c);
        for (String c : c24) dispatchTutorial(c);
        Instant sent = clock.instant();
        watch(c12.get(0), sent.plus(Duration.ofHours(2)));
        watch(c12.get(1), sent.plus(Duration.ofHours(73)));
        watch(c24.get(0), sent.plus(Duration.ofHours(1)));
        watch(c24.get(1), sent.plus(Duration.ofHours(10)));
        events.append(Events.event(EventTypes.EMAIL_CLICKED, c24.get(2))
                .id("k-" + c24.get(2))
                .at(sent.plus(Duration.ofHours(5)))
                .data("link", "support")
                .build());
        events.append(Events.event(EventTypes.VIDEO_WATCHED, c24.get(3))
                .id("w-" + c24.get(3))
                .at(sent.plus(Duration.ofHours(5)))
                .data("videoId", "intro")
                .build());
        clock.set(sent.plus(Duration.ofHours(80)));

        var json = reports.all();
        assertThat(json).hasSize(1);
        var e = json.get(0);
        assertThat(e.path("id").asText()).isEqualTo("tutorial-timing");
        assertThat(e.path("journey").asText()).isEqualTo("post-purchase");
        assertThat(e.path("step").asText()).isEqualTo("tutorial");
        assertThat(e.path("status").asText()).isEqualTo("running");
        assertThat(e.path("metric").path("within").asText()).isEqualTo("PT72H");
        assertThat(e.path("metric").path("events").get(0).path("type").asText()).isEqualTo("video.watched");
        assertThat(e.path("arms").get(0).path("name").asText()).isEqualTo("tutorial-12h");
        assertThat(e.path("arms").get(0).path("assigned").asLong()).isEqualTo(4);
        assertThat(e.path("arms").get(0).path("converted").asLong()).isEqualTo(1);
        assertThat(e.path("arms").get(0).path("rate").asDouble()).isEqualTo(0.25);
        assertThat(e.path("arms").get(1).path("assigned").asLong())
                .as("the unsent one is not counted")
                .isEqualTo(4);
        assertThat(e.path("arms").get(1).path("converted").asLong()).isEqualTo(3);
        assertThat(e.path("lift").asDouble()).isEqualTo(2.0);
        assertThat(e.path("pValue").asDouble()).isEqualTo(TwoProportionTest.pValue(3, 4, 1, 4));
        assertThat(e.path("winner").isNull()).isTrue();
        assertThat(e.fieldNames())
                .toIterable()
                .containsExactly("id", "journey", "step", "status", "metric", "arms", "lift", "pValue", "winner");
        assertThat(e.path("arms").get(0).fieldNames())
                .toIterable()
                .containsExactly("name", "assigned", "converted", "rate");

        var one = reports.one("tutorial-timing");
        assertThat(one.path("minimumSample").asInt()).isEqualTo(100);
        assertThat(one.path("arms").get(1).path("offset").asText()).isEqualTo("PT24H");
        assertThat(one.path("decision").isNull()).isTrue();
        assertThat(one.path("stopRule").asText()).contains("fixed horizon");
        assertThatThrownBy(() -> reports.one("nope"))
                .isInstanceOf(NotFound.class)
                .hasMessageContaining("tutorial-timing");
        assertThat(reports.decideDue()).isZero();
    }

    @Test
    void atTheHorizonTheDecisionIsRecordedOnceAndNewCustomersGetTheWinner() {
        // minimum sample 100: 100 customers per arm, 20% vs 45% watching the guide
        int i = 0;
        for (String arm : List.of("tutorial-12h", "tutorial-24h")) {
            int converted = arm.equals("tutorial-12h") ? 20 : 45;
            for (int n = 0; n < 100; n++) {
                String c = customerWithArm(arm, i);
                i = Integer.parseInt(c.substring(2)) + 1;
                customer(c);
                planTutorial(c);
                clock.set(DELIVERED.plus(Duration.ofHours(30)));
                dispatchTutorial(c);
                if (n < converted) watch(c, clock.instant().plus(Duration.ofHours(3)));
                clock.set(DELIVERED);
            }
        }
        clock.set(DELIVERED.plus(Duration.ofHours(30 + 71)));
        assertThat(reports.decideDue()).as("windows still open").isZero();
        clock.set(DELIVERED.plus(Duration.ofHours(30 + 72)));
        assertThat(reports.decideDue()).isEqualTo(1);
        assertThat(reports.decideDue()).as("decided once").isZero();
        var e = reports.all().get(0);
        assertThat(e.path("status").asText()).isEqualTo("winner-declared");
        assertThat(e.path("winner").asText()).isEqualTo("tutorial-24h");
        assertThat(e.path("pValue").asDouble()).isLessThan(0.001);
        assertThat(reports.one("tutorial-timing")
                        .path("decision")
                        .path("decidedAt")
                        .asText())
                .isEqualTo(clock.instant().toString());

        String newcomer = customerWithArm("tutorial-12h", i);
        customer(newcomer);
        assertThat(planTutorial(newcomer).get("experiment"))
                .isEqualTo(Map.of("id", "tutorial-timing", "arm", "tutorial-24h", "promoted", true));
        var after = reports.one("tutorial-timing");
        assertThat(after.path("promoted").asLong()).isEqualTo(1);
        assertThat(after.path("arms").get(1).path("assigned").asLong())
                .as("promoted customers are not counted")
                .isEqualTo(100);
    }

    void watch(String c, Instant at) {
        events.append(Events.event(EventTypes.VIDEO_WATCHED, c)
                .id("w-" + c + "-" + at)
                .at(at)
                .data("videoId", "guide")
                .build());
    }
}
