package it.attimo.core.channel;

/**
 * The provider says the customer's address on a channel is gone for good (a push endpoint disabled: the app was
 * uninstalled, the token expired): this message cannot be delivered and retrying will not help. A rejection (an
 * {@link IllegalArgumentException}, Attimo.Rejected) where nobody catches it; the dispatch step catches it, records the
 * message as suppressed and reports the address as disabled ({@code push.disabled}).
 */
public class RecipientDisabled extends IllegalArgumentException {
    private final Channel channel;

    public RecipientDisabled(Channel channel, String message) {
        super(message);
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }
}
