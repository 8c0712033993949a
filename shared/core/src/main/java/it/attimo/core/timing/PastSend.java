package it.attimo.core.timing;

import it.attimo.core.channel.Channel;
import java.time.Instant;
import java.util.Objects;

/**
 * A send already made, or already planned, to one customer: what frequency caps and overlap arbitration count.
 *
 * @param customerId the customer (ids only), may be null when the caller already filtered by customer
 * @param channel    channel used
 * @param at         when it went (or will go) out
 * @param journey    journey that sent it, or null
 */
public record PastSend(String customerId, Channel channel, Instant at, String journey) {
    public PastSend {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
    }
}
