package it.attimo.aws.channel;

import it.attimo.core.channel.Channel;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.port.ChannelGateway;

/** Push on AWS is not built yet: every send is refused with a clear, non-retryable error. */
public final class PushNotAvailable implements ChannelGateway {
    @Override
    public String send(OutboundMessage message) {
        throw new UnsupportedChannelException(Channel.PUSH, "push delivery on AWS is not implemented yet");
    }
}
