package it.attimo.aws.channel;

import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.message.RenderedMessage;

/** The rendered content a provider sends; a message that reaches a provider unrendered is a programming error. */
final class RenderedContent {
    private RenderedContent() {}

    /** @throws IllegalArgumentException (a rejected step, never retried) when the message was not rendered */
    static RenderedMessage of(OutboundMessage message) {
        RenderedMessage rendered = message.rendered();
        if (rendered == null || rendered.text() == null || rendered.text().isBlank()) {
            throw new IllegalArgumentException("message " + message.messageKey() + " has no rendered content");
        }
        return rendered;
    }
}
