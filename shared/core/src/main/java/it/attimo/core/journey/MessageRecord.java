package it.attimo.core.journey;

import it.attimo.core.channel.Channel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the dispatch ledger. {@code messageId} is {@code execution#step}; the full key is
 * {@code customer#execution#step}. A plan record ({@code plan#execution#step}, status {@link #PLANNED}, {@code sendAt}
 * the planned instant, {@code updatedAt} when it was first planned) says what a journey means to send, so other
 * journeys' plan steps can arbitrate against it; it never collides with the dispatch reservation.
 *
 * <p>{@code legalBasis} is why the send was lawful ({@link #CONSENT} or {@link #SOFT_SPAM}, null before the dispatch
 * decided); {@code outcomes} is what came back from the channel (event type such as {@code email.opened} → when
 * first seen), so each outcome links to the message that caused it.
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
        Instant updatedAt,
        String legalBasis,
        Map<String, Instant> outcomes) {
    public static final String CONSENT = "consent";
    /** Art. 130(4) Codice Privacy: e-mail to an existing customer about similar products, while not opted out. */
    public static final String SOFT_SPAM = "soft-spam";

    public static final String RESERVED = "RESERVED";
    public static final String SENT = "SENT";
    public static final String SUPPRESSED = "SUPPRESSED";
    public static final String FAILED = "FAILED";
    public static final String PLANNED = "PLANNED";
    /** A plan record that no longer holds a slot: the re-plan dropped the step, or the journey went on without it. */
    public static final String PLAN_CLOSED = "PLAN_CLOSED";

    public static final String PLAN_PREFIX = "plan#";

    public MessageRecord {
        outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
    }

    /** Without legal basis and outcomes (a plan record, a reservation before the dispatch decided). */
    public MessageRecord(
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
        this(
                customerId,
                messageId,
                journey,
                executionName,
                step,
                channel,
                kind,
                sendAt,
                status,
                reason,
                providerMessageId,
                updatedAt,
                null,
                Map.of());
    }

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
                at,
                legalBasis,
                outcomes);
    }

    public MessageRecord withLegalBasis(String basis) {
        return new MessageRecord(
                customerId,
                messageId,
                journey,
                executionName,
                step,
                channel,
                kind,
                sendAt,
                status,
                reason,
                providerMessageId,
                updatedAt,
                basis,
                outcomes);
    }

    /** With {@code outcome} seen at {@code at}; the first sighting of an outcome is kept. */
    public MessageRecord withOutcome(String outcome, Instant at) {
        if (outcomes.containsKey(outcome)) return this;
        Map<String, Instant> next = new LinkedHashMap<>(outcomes);
        next.put(outcome, at);
        return new MessageRecord(
                customerId,
                messageId,
                journey,
                executionName,
                step,
                channel,
                kind,
                sendAt,
                status,
                reason,
                providerMessageId,
                updatedAt,
                legalBasis,
                next);
    }
}
