package it.attimo.core.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.AttimoCore;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.EventTypes;
import it.attimo.core.profile.FoldedCustomer;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.ForwardingProfileStore;
import it.attimo.core.testing.InMemoryContactStore;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A dispatch that plans the journey's next send in the same step (issue 8: a send costs the state machine a Wait and
 * one Task): the send first, exactly once, then the plan, which a retry makes again without sending twice.
 */
class DispatchThenPlanTest {
    static final String C = "c-1";
    static final String EXECUTION = "post-purchase-c-1-o-1";
    static final Instant DELIVERED = Instant.parse("2026-06-10T07:00:00Z");

    final MutableClock clock = MutableClock.at("2026-06-10T09:00:00Z");
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    final RecordingChannelGateway gateway = new RecordingChannelGateway();
    final FlakyProfiles profiles = new FlakyProfiles();

    final JourneySteps steps = JourneyStepsWiring.steps(
            profiles,
            contacts,
            ledger,
            new InMemoryWaitRegistry(),
            gateway,
            AttimoCore.sendPlanner(),
            new InMemoryEventLog(),
            new RecordingJourneyRuntime(),
            (customerId, reason, executionName) -> {},
            clock);

    DispatchThenPlanTest() {
        var upsert = Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u-1")
                .at("2026-06-01T08:00:00Z")
                .data("segment", "b2c")
                .data("comune", "015146")
                .data("email", "anna@example.it")
                .build();
        FoldedCustomer f = AttimoCore.profileFolder().fold(C, List.of(upsert), null, clock.instant());
        profiles.put(f.profile());
        contacts.put(f.contact());
    }

    static PlanStep tutorialPlan() {
        return new PlanStep(
                C,
                Channel.EMAIL,
                MessageKind.SERVICE,
                DELIVERED,
                Duration.ofHours(24),
                Duration.ofHours(24),
                "post-purchase",
                "tutorial",
                EXECUTION);
    }

    static DispatchStep welcome(boolean planSkipped, PlanStep next) {
        return new DispatchStep(
                C,
                "post-purchase",
                "welcome",
                Channel.EMAIL,
                MessageKind.SERVICE,
                EXECUTION,
                List.of(),
                null,
                Map.of("orderId", "o-1"),
                planSkipped,
                next);
    }

    static Map<?, ?> next(Map<String, Object> out) {
        assertThat(out).containsKey("next");
        return (Map<?, ?>) out.get("next");
    }

    Optional<MessageRecord> record(String messageId) {
        return ledger.all().stream()
                .filter(m -> m.messageId().equals(messageId))
                .findFirst();
    }

    @Test
    void sendsThenPlansTheNextStepWhichTheStateMachineWaitsFor() {
        Map<String, Object> out = steps.handle(welcome(false, tutorialPlan()));

        assertThat(out).containsEntry("status", "sent").containsEntry("messageKey", C + "#" + EXECUTION + "#welcome");
        assertThat(gateway.sent())
                .singleElement()
                .satisfies(m -> assertThat(m.step()).isEqualTo("welcome"));
        Map<?, ?> next = next(out);
        assertThat(next.get("skipped")).isEqualTo(false);
        assertThat(next.get("waitUntil")).isEqualTo(next.get("sendAt"));
        assertThat(Instant.parse(next.get("sendAt").toString())).isAfterOrEqualTo(DELIVERED.plus(Duration.ofHours(24)));
        assertThat(record(MessageRecord.messageIdOf(EXECUTION, "welcome")))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(MessageRecord.SENT));
        assertThat(record(MessageRecord.planIdOf(EXECUTION, "tutorial")))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(MessageRecord.PLANNED));
    }

    @Test
    void theSameStepWithoutNextAnswersAsBefore() {
        Map<String, Object> out = steps.handle(welcome(false, null));

        assertThat(out).containsEntry("status", "sent").doesNotContainKey("next");
        assertThat(record(MessageRecord.planIdOf(EXECUTION, "tutorial"))).isEmpty();
    }

    @Test
    void aSkippedPlanSendsNothingTouchesNoLedgerRecordAndStillPlansTheNext() {
        Map<String, Object> out = steps.handle(welcome(true, tutorialPlan()));

        assertThat(out).containsEntry("status", "skipped");
        assertThat(gateway.sent()).isEmpty();
        assertThat(record(MessageRecord.messageIdOf(EXECUTION, "welcome"))).isEmpty();
        assertThat(next(out).get("skipped")).isEqualTo(false);
    }

    @Test
    void aPlanThatFailedAfterTheSendIsRetriedWithoutSendingTwice() {
        profiles.failCall(2); // dispatch's profile read is the first, the plan's the second
        assertThatThrownBy(() -> steps.handle(welcome(false, tutorialPlan())))
                .isInstanceOf(TransientJourneyException.class);
        assertThat(gateway.sent()).hasSize(1);

        Map<String, Object> retried = steps.handle(welcome(false, tutorialPlan()));

        assertThat(retried).containsEntry("status", "duplicate");
        assertThat(gateway.sent())
                .as("the ledger key customer#execution#step holds")
                .hasSize(1);
        assertThat(next(retried).get("skipped")).isEqualTo(false);
        assertThat(record(MessageRecord.planIdOf(EXECUTION, "tutorial"))).isPresent();
    }

    @Test
    void aSkippedPlanStillTellsTheWaitWhenToGoOn() {
        profiles.delete(C);
        Map<String, Object> out = steps.handle(tutorialPlan());

        assertThat(out)
                .containsEntry("skipped", true)
                .containsEntry("waitUntil", clock.instant().toString());
        assertThat(out).doesNotContainKey("sendAt");
    }

    @Test
    void theNextPlanIsForTheSameCustomer() {
        PlanStep other = new PlanStep(
                "c-2",
                Channel.EMAIL,
                MessageKind.SERVICE,
                DELIVERED,
                Duration.ZERO,
                null,
                "post-purchase",
                "tutorial",
                EXECUTION);
        assertThatThrownBy(() -> welcome(false, other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same customer");
    }

    /** An in-memory profile store whose chosen find call fails, as a store's outage would. */
    static final class FlakyProfiles extends ForwardingProfileStore {
        private final InMemoryProfileStore stored;
        private int calls;
        private int failing = -1;

        FlakyProfiles() {
            this(new InMemoryProfileStore());
        }

        private FlakyProfiles(InMemoryProfileStore stored) {
            super(stored);
            this.stored = stored;
        }

        void failCall(int call) {
            failing = calls + call;
        }

        void put(Profile profile) {
            stored.put(profile);
        }

        @Override
        public Optional<Profile> find(String customerId) {
            if (++calls == failing) throw new IllegalStateException("store unavailable");
            return super.find(customerId);
        }
    }
}
