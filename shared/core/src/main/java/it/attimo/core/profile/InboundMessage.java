package it.attimo.core.profile;

/** One queued message for the score function: an event (CloudEvent JSON) or a re-score command. */
public record InboundMessage(String messageId, String body) {}
