package it.attimo.core.journey;

import it.attimo.core.channel.Channel;

import java.time.Instant;

/**
 * One entry of the dispatch ledger. {@code messageId} is {@code execution#step}; the full key is
 * {@code customer#execution#step}.
 */
public record MessageRecord(String customerId, String messageId, String journey, String executionName, String step,
                            Channel channel, String kind, Instant sendAt, String status, String reason,
                            String providerMessageId, Instant updatedAt) {
    public static final String RESERVED = "RESERVED";
    public static final String SENT = "SENT";
    public static final String SUPPRESSED = "SUPPRESSED";
    public static final String FAILED = "FAILED";

    public static String messageIdOf(String executionName, String step) {
        return executionName + "#" + step;
    }

    public String key() {
        return customerId + "#" + messageId;
    }

    public MessageRecord with(String newStatus, String newReason, String providerId, Instant at) {
        return new MessageRecord(customerId, messageId, journey, executionName, step, channel, kind, sendAt, newStatus,
                newReason, providerId, at);
    }
}
