package it.attimo.aws.channel;

import it.attimo.core.channel.Channel;
import it.attimo.core.channel.RecipientDisabled;

/**
 * The push provider disabled the customer's endpoint (an uninstalled app, an expired token): this message cannot be
 * delivered and retrying will not help, so it is a rejection (Attimo.Rejected), not a transient failure; the dispatch
 * step turns it into {@code push.disabled}.
 */
public final class PushEndpointDisabledException extends RecipientDisabled {
    public PushEndpointDisabledException(String messageKey) {
        super(Channel.PUSH, "push endpoint of message " + messageKey + " is disabled");
    }
}
