package it.attimo.core.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.AttimoCore;
import it.attimo.core.channel.Channel;
import it.attimo.core.event.EventTypes;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.message.MessageRenderingException;
import it.attimo.core.profile.FoldedCustomer;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingChannelGateway;
import it.attimo.core.timing.MessageKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without a renderer of its own, DispatchSend renders with the bundled content, local links and no signing secret. */
class DispatchSendDefaultRendererTest {
    final MutableClock clock = MutableClock.at("2026-06-10T09:00:00Z");
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final RecordingChannelGateway gateway = new RecordingChannelGateway();
    final DispatchSend dispatch = new DispatchSend(
            profiles,
            contacts,
            new InMemoryMessageLedger(),
            gateway,
            AttimoCore.sendPlanner(),
            new InMemoryEventLog(),
            clock);

    @Test
    void serviceMessagesRenderWithLocalLinksAndMarketingEmailsNeedASecret() {
        FoldedCustomer f = AttimoCore.profileFolder()
                .fold(
                        "c-1",
                        List.of(Events.event(EventTypes.CUSTOMER_UPSERTED, "c-1")
                                .id("u")
                                .at("2026-06-01T08:00:00Z")
                                .data("segment", "b2c")
                                .data("comune", "015146")
                                .data("email", "a@example.it")
                                .data("consent", java.util.Map.of("email", true))
                                .build()),
                        null,
                        clock.instant());
        profiles.put(f.profile());
        contacts.put(f.contact());

        dispatch.dispatch(new DispatchStep(
                "c-1", "post-purchase", "welcome", Channel.EMAIL, MessageKind.SERVICE, "pp-c-1", null, null));
        assertThat(gateway.sent())
                .singleElement()
                .satisfies(m -> assertThat(m.rendered().links().get("qr"))
                        .isEqualTo(MessageRenderer.LOCAL_PUBLIC_BASE_URL + "/qr/support.png"));

        assertThatThrownBy(() -> dispatch.dispatch(new DispatchStep(
                        "c-1",
                        "post-purchase",
                        "accessories",
                        Channel.EMAIL,
                        MessageKind.MARKETING,
                        "pp-c-1",
                        null,
                        null)))
                .isInstanceOf(MessageRenderingException.class)
                .hasMessageContaining("unsubscribe");
        assertThat(gateway.sent()).hasSize(1);
    }
}
