package it.attimo.aws.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.channel.Channel;
import it.attimo.core.journey.OutboundMessage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingChannelGatewayTest {
    static OutboundMessage on(Channel channel) {
        return new OutboundMessage(
                "c",
                null,
                channel,
                "j",
                "s",
                "service",
                "welcome",
                "it-IT",
                null,
                "c#e#s",
                Instant.parse("2026-06-10T08:00:00Z"));
    }

    @Test
    void sendsEachChannelToItsGateway() {
        RoutingChannelGateway routing =
                new RoutingChannelGateway(Map.of(Channel.EMAIL, m -> "email-id", Channel.SMS, m -> "sms-id"));
        assertThat(routing.send(on(Channel.EMAIL))).isEqualTo("email-id");
        assertThat(routing.send(on(Channel.SMS))).isEqualTo("sms-id");
        assertThatThrownBy(() -> routing.send(on(Channel.PUSH))).isInstanceOf(UnsupportedChannelException.class);
    }

    @Test
    void pushOnAwsIsRefusedNotRetried() {
        assertThatThrownBy(() -> new PushNotAvailable().send(on(Channel.PUSH)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("push");
    }

    @Test
    void allToSendsEveryChannelToOneGateway() {
        RoutingChannelGateway outbox =
                RoutingChannelGateway.allTo(m -> "outbox:" + m.channel().id());
        for (Channel c : Channel.values()) assertThat(outbox.send(on(c))).isEqualTo("outbox:" + c.id());
    }
}
