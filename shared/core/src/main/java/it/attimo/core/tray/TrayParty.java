package it.attimo.core.tray;

import it.attimo.core.channel.Channel;
import java.time.Duration;

/**
 * A party of a tray template: its id ({@code sales}, {@code customer}, {@code service}...), its label, the channel
 * its links go by, whether it signs its section (simple electronic signature with a one-time code), whether its page
 * shows the credit check, and when its turn is reminded and when it expires.
 */
public record TrayParty(
        String id,
        String label,
        Channel channel,
        boolean signs,
        boolean creditCheck,
        Duration reminderAfter,
        Duration expireAfter) {
    public static final String CUSTOMER = "customer";
    public static final Duration DEFAULT_REMINDER = Duration.ofHours(24);
    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(72);

    public TrayParty {
        channel = channel == null ? Channel.EMAIL : channel;
        reminderAfter = reminderAfter == null ? DEFAULT_REMINDER : reminderAfter;
        expireAfter = expireAfter == null ? DEFAULT_EXPIRY : expireAfter;
    }

    public boolean isCustomer() {
        return CUSTOMER.equals(id);
    }
}
