package it.attimo.core.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a customer told the preference centre (or a first-party form) about how to be contacted: the channel they
 * prefer, the time band they prefer ({@code mattina}, {@code pomeriggio}, {@code sera}; see
 * {@link it.attimo.core.timing.TimeBand}), the product categories they are interested in, and their choice per topic
 * ({@code servizio}, {@code offerte}, {@code sondaggi}, {@code novita}) with where and when it was made. Null
 * preferred channel or time band: no preference. A fold of {@code preferences.updated} events.
 */
public record Preferences(
        String preferredChannel,
        String timeBand,
        List<String> interests,
        Map<String, Consent> topics,
        String source,
        Instant updatedAt) {
    /** The topic of service and transactional messages: withdrawing it stops service messages, never transactional ones. */
    public static final String SERVIZIO = "servizio";

    public static final String OFFERTE = "offerte";
    public static final String SONDAGGI = "sondaggi";
    public static final String NOVITA = "novita";
    /** The preference centre's topics, in the order the page shows them. */
    public static final List<String> TOPICS = List.of(SERVIZIO, OFFERTE, SONDAGGI, NOVITA);

    /** Nothing stated yet. */
    public static final Preferences NONE = new Preferences(null, null, List.of(), Map.of(), null, null);

    public Preferences {
        interests = interests == null ? List.of() : List.copyOf(interests);
        topics = topics == null ? Map.of() : Map.copyOf(topics);
    }

    /** Whether the customer withdrew {@code topic} (false when they granted it or never said). */
    public boolean withdrew(String topic) {
        Consent c = topics.get(topic);
        return c != null && !c.granted();
    }
}
