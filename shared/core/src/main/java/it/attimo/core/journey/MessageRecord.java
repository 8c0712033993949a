package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import java.time.Instant;

/**
 * One entry of the dispatch ledger. {@code messageId} is {@code execution#step}; the full key is
 * {@code customer#execution#step}. A plan record ({@code plan#execution#step}, status {@link #PLANNED}, {@code sendAt}
 * the planned instant, {@code updatedAt} when it was first planned) says what a journey means to send, so other
 * journeys' plan steps can arbitrate against it; it never collides with the dispatch reservation.
 */
public record MessageRecord(
        String customerId,
        String messageId,
        String journey,
        String executionName,
        String step,
        Channel channel,
        String kind,
        Instant sendAt,
        String status,
        String reason,
        String providerMessageId,
        Instant updatedAt) {
    public static final String RESERVED = "RESERVED";
    public static final String SENT = "SENT";
    public static final String SUPPRESSED = "SUPPRESSED";
    public static final String FAILED = "FAILED";
    public static final String PLANNED = "PLANNED";
    /** A plan record that no longer holds a slot: the re-plan dropped the step, or the journey went on without it. */
    public static final String PLAN_CLOSED = "PLAN_CLOSED";

    public static final String PLAN_PREFIX = "plan#";

    public static String messageIdOf(String executionName, String step) {
        return executionName + "#" + step;
    }

    public static String planIdOf(String executionName, String step) {
        return PLAN_PREFIX + messageIdOf(executionName, step);
    }

    public boolean isPlan() {
        return messageId.startsWith(PLAN_PREFIX);
    }

    /** For a plan record, the messageId its dispatch will reserve. */
    public String dispatchId() {
        return isPlan() ? messageId.substring(PLAN_PREFIX.length()) : messageId;
    }

    public String key() {
        return customerId + "#" + messageId;
    }

    public MessageRecord with(String newStatus, String newReason, String providerId, Instant at) {
        return new MessageRecord(
                customerId,
                messageId,
                journey,
                executionName,
                step,
                channel,
                kind,
                sendAt,
                newStatus,
                newReason,
                providerId,
                at);
    }
}
