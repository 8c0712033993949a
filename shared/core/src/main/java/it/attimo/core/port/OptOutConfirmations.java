package it.attimo.core.port;

import it.attimo.core.channel.Channel;

/** Sends the one confirmation a customer gets when they opt out of a channel by replying to it (SMS STOP). */
public interface OptOutConfirmations {
    /** Where no channel can be reached from this process: the opt-out still counts, no confirmation is sent. */
    OptOutConfirmations NONE = (customerId, channel, eventId) -> {};

    /**
     * @param eventId the event that withdrew consent: a retry with the same event sends nothing more
     */
    void confirm(String customerId, Channel channel, String eventId);
}
