package it.attimo.core.customer;

import java.time.Instant;

/**
 * Consent for one channel ({@code email}), or for one topic on a channel ({@code email:marketing}), with where and
 * when it was given or withdrawn. A withdrawn channel blocks everything but service on it; a withdrawn topic only what
 * the topic covers (the {@code marketing} topic: marketing and surveys).
 */
public record Consent(boolean granted, String source, Instant at) {
    /** The consent topic covering marketing and survey messages, withdrawn by a one-click unsubscribe. */
    public static final String MARKETING = "marketing";

    /** The key of a consent in {@link Profile#consents()}: the channel, or {@code channel:topic}. */
    public static String key(String channel, String topic) {
        return topic == null || topic.isBlank() ? channel : channel + ":" + topic;
    }
}
