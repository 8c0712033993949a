package it.attimo.core.consent;

import it.attimo.core.digest.Sha256;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.message.CustomerLinkToken;
import it.attimo.core.message.MessageRenderer;
import it.attimo.core.port.EventQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One-click unsubscribe (RFC 8058, {@code POST /unsubscribe/{token}}): the token of a marketing e-mail's link names the
 * customer; the withdrawal is a {@code consent.changed} event ({@code channel: email, topic: marketing, granted:
 * false}) queued behind the customer's other events, so the profile changes through the one ingest path and dispatch,
 * which re-checks consent at send time, suppresses every marketing and survey e-mail planned before the click. Service
 * and transactional e-mails (a delay apology, a return's reassurance) still go: only the marketing topic is withdrawn.
 * The event id is derived from the token, so a repeated click is a duplicate the queue and the score step drop.
 */
public final class OneClickUnsubscribe {
    /** The {@code source} written on the consent: where the withdrawal came from. */
    public static final String SOURCE = "one-click-unsubscribe";
    /** The CloudEvent source of the queued event. */
    public static final String EVENT_SOURCE = "attimo:unsubscribe";
    /** The consent topic withdrawn: marketing and surveys on the e-mail channel. */
    public static final String TOPIC = "marketing";

    private final EventQueue queue;
    private final Supplier<CustomerLinkToken> tokens;
    private final Clock clock;

    /**
     * @param tokens verifies link tokens, asked for one on each request (the secret may rotate); null or a null
     *     token: every link is refused as forged
     * @param clock business time: the withdrawal's instant, and the token's expiry is judged against it
     */
    public OneClickUnsubscribe(EventQueue queue, Supplier<CustomerLinkToken> tokens, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.tokens = tokens;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What was queued: the withdrawal event's id (the same for every click on one link). */
    public record Unsubscribed(String customerId, String eventId, Instant at) {}

    /**
     * Checks the link without changing anything (the confirmation page of a {@code GET}).
     *
     * @throws CustomerLinkToken.Rejected when the token is malformed, forged, for another purpose or expired
     */
    public void check(String token) {
        customerOf(token);
    }

    /**
     * Queues the withdrawal of e-mail marketing consent for the link's customer.
     *
     * @throws CustomerLinkToken.Rejected when the token is malformed, forged, for another purpose or expired
     */
    public Unsubscribed unsubscribe(String token) {
        String customerId = customerOf(token);
        Instant now = clock.instant();
        String id = "unsubscribe-" + Sha256.hex("one-click|" + token).substring(0, 32);
        Map<String, Object> data = Map.of("channel", "email", "topic", TOPIC, "granted", false, "source", SOURCE);
        queue.publish(List.of(new CustomerEvent(id, EVENT_SOURCE, EventTypes.CONSENT_CHANGED, customerId, now, data)));
        return new Unsubscribed(customerId, id, now);
    }

    private String customerOf(String token) {
        CustomerLinkToken verifier = tokens == null ? null : tokens.get();
        if (verifier == null) throw new CustomerLinkToken.Rejected(CustomerLinkToken.Rejected.Reason.FORGED);
        return verifier.verify(token, MessageRenderer.UNSUBSCRIBE);
    }
}
