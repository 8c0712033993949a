package it.attimo.core.journey;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.AttimoCore;
import it.attimo.core.channel.Channel;
import it.attimo.core.channel.RecipientDisabled;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.experiment.ExperimentAssignments;
import it.attimo.core.profile.FoldedCustomer;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.timing.MessageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A push endpoint the provider disabled: dispatch suppresses the message and queues {@code push.disabled} once, which
 * the fold turns into push being unreachable; the next push is then suppressed before any provider call.
 */
class DispatchRecipientDisabledTest {
    static final String C = "c-push";
    final MutableClock clock = MutableClock.at("2026-06-10T15:00:00Z");
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final InMemoryMessageLedger ledger = new InMemoryMessageLedger();
    final InMemoryEventLog events = new InMemoryEventLog();
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final List<String> calls = new ArrayList<>();

    DispatchSend dispatch(it.attimo.core.port.EventQueue feedback) {
        return new DispatchSend(
                profiles,
                contacts,
                ledger,
                message -> {
                    calls.add(message.messageKey());
                    throw new RecipientDisabled(
                            Channel.PUSH, "push endpoint of message " + message.messageKey() + " is disabled");
                },
                AttimoCore.sendPlanner(),
                events,
                clock,
                JourneyStepsWiring.renderer(clock),
                ExperimentAssignments.NONE,
                null,
                feedback);
    }

    @BeforeEach
    void customerWithAPushToken() {
        fold(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u")
                .at("2026-06-01T08:00:00Z")
                .data("pushToken", "tok-1")
                .data("consent", Map.of("push", true))
                .build());
    }

    private void fold(CustomerEvent e) {
        events.append(e);
        FoldedCustomer f = AttimoCore.profileFolder()
                .fold(C, events.history(C), profiles.find(C).orElse(null), clock.instant());
        profiles.put(f.profile());
        if (f.contact() != null) contacts.put(f.contact());
    }

    private static DispatchStep step(String execution) {
        return new DispatchStep(
                C, "post-purchase", "welcome", Channel.PUSH, MessageKind.SERVICE, execution, null, null);
    }

    @Test
    void theMessageIsSuppressedAndPushDisabledIsQueuedOnceThenPushIsUnreachable() {
        DispatchSend send = dispatch(queue::publish);
        assertThat(send.dispatch(step("e-1")))
                .containsEntry("status", "suppressed")
                .containsEntry("reason", "push address disabled by the provider");
        assertThat(ledger.forCustomer(C)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(MessageRecord.SUPPRESSED);
            assertThat(r.reason()).isEqualTo("push address disabled by the provider");
        });
        assertThat(queue.published()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventTypes.PUSH_DISABLED);
            assertThat(e.customerId()).isEqualTo(C);
            assertThat(e.source()).isEqualTo(DispatchSend.FEEDBACK_SOURCE);
            assertThat(e.time()).isEqualTo(clock.instant());
            assertThat(e.data())
                    .containsEntry("messageId", MessageRecord.messageIdOf("e-1", "welcome"))
                    .containsEntry("reason", "EndpointDisabled");
        });
        // the same dispatch again (a redelivery) is a duplicate: no provider call, nothing more queued
        assertThat(send.dispatch(step("e-1"))).containsEntry("status", "duplicate");
        assertThat(calls).hasSize(1);
        assertThat(queue.published()).hasSize(1);

        fold(queue.published().get(0));
        assertThat(contacts.find(C).map(c -> c.canReach(Channel.PUSH))).contains(false);
        assertThat(send.dispatch(step("e-2")))
                .containsEntry("status", "suppressed")
                .containsEntry("reason", "no push address");
        assertThat(calls).hasSize(1);

        // a new token makes push reachable again
        fold(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u-2")
                .at("2026-06-10T16:00:00Z")
                .data("pushToken", "tok-2")
                .build());
        assertThat(contacts.find(C).map(c -> c.canReach(Channel.PUSH))).contains(true);
    }

    @Test
    void withoutAFeedbackQueueTheMessageIsStillSuppressed() {
        assertThat(dispatch(null).dispatch(step("e-3"))).containsEntry("status", "suppressed");
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void aRecipientDisabledIsARejectionWhereNobodyCatchesIt() {
        RecipientDisabled gone = new RecipientDisabled(Channel.SMS, "gone");
        assertThat(gone).isInstanceOf(IllegalArgumentException.class).hasMessage("gone");
        assertThat(gone.channel()).isEqualTo(Channel.SMS);
    }
}
