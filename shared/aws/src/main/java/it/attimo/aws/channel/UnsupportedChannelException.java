package it.attimo.aws.channel;

import it.attimo.core.channel.Channel;

/** A message asked for a channel this deployment cannot deliver (push on AWS, for now). Retrying does not help. */
public final class UnsupportedChannelException extends UnsupportedOperationException {
    public UnsupportedChannelException(Channel channel, String why) {
        super("channel " + channel.id() + " is not available: " + why);
    }
}
