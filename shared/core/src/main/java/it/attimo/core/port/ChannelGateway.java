package it.attimo.core.port;

import it.attimo.core.journey.OutboundMessage;

/** Hands a message to a provider (SES, SNS) or, locally, the outbox. Returns the provider's message id. */
public interface ChannelGateway {
    String send(OutboundMessage message);
}
