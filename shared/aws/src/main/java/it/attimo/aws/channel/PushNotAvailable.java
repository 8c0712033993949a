package it.attimo.aws.channel;

import it.attimo.core.channel.Channel;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.port.ChannelGateway;

/**
 * Push where no SNS platform application is configured ({@code attimo.push.platform-application-arn} empty): every
 * send is refused with a clear, non-retryable error. With one, {@link SnsPushGateway} delivers.
 */
public final class PushNotAvailable implements ChannelGateway {
    @Override
    public String send(OutboundMessage message) {
        throw new UnsupportedChannelException(
                Channel.PUSH, "no SNS platform application is configured (PushPlatformApplicationArn)");
    }
}
