package it.attimo.aws.channel;

/**
 * The push provider disabled the customer's endpoint (an uninstalled app, an expired token): this message cannot be
 * delivered and retrying will not help, so it is a rejection (Attimo.Rejected), not a transient failure.
 */
public final class PushEndpointDisabledException extends IllegalArgumentException {
    public PushEndpointDisabledException(String messageKey) {
        super("push endpoint of message " + messageKey + " is disabled");
    }
}
