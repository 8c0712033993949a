package it.attimo.core.consent;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Consent;
import it.attimo.core.customer.Preferences;
import it.attimo.core.customer.Profile;
import it.attimo.core.json.Json;
import it.attimo.core.message.TemplateCatalog;
import it.attimo.core.timing.MessageKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The topic of each message (data: {@code topics.json}): a journey step's own, else its kind's. It decides whether a
 * customer who withdrew topics in the preference centre gets the message: a withdrawn topic suppresses its messages,
 * except a transactional one (it rests on the contract: {@code servizio} cannot be withdrawn for it).
 */
public final class MessageTopics {
    private static final MessageTopics BUNDLED = load("topics.json");

    private final Map<MessageKind, String> byKind;
    private final Map<String, String> steps;

    MessageTopics(JsonNode data) {
        this.byKind = new LinkedHashMap<>();
        for (MessageKind kind : MessageKind.values()) {
            String topic = data.path("byKind").path(kind.id()).asText(null);
            byKind.put(kind, requireTopic(topic, "byKind." + kind.id()));
        }
        this.steps = new LinkedHashMap<>();
        data.path("steps")
                .fields()
                .forEachRemaining(
                        e -> steps.put(e.getKey(), requireTopic(e.getValue().asText(null), "steps." + e.getKey())));
    }

    /** The bundled {@code topics.json}. */
    public static MessageTopics bundled() {
        return BUNDLED;
    }

    static MessageTopics load(String resource) {
        try (InputStream in = MessageTopics.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the classpath");
            return new MessageTopics(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String requireTopic(String topic, String where) {
        if (topic == null || !Preferences.TOPICS.contains(topic.toLowerCase(Locale.ROOT)))
            throw new IllegalStateException("topics.json: " + where + " must be one of " + Preferences.TOPICS);
        return topic.toLowerCase(Locale.ROOT);
    }

    /** The topic of {@code journey.step} dispatched as {@code kind}. */
    public String topicOf(String journey, String step, MessageKind kind) {
        String own = steps.get(journey + "." + step);
        if (own != null) return own;
        Optional<String> tray =
                TemplateCatalog.trayStep(journey, step).map(g -> steps.get(TemplateCatalog.TRAY + "." + g));
        return tray.orElse(byKind.get(kind));
    }

    /**
     * Why the customer's topic choices stop this message, or empty: its topic withdrawn in the preference centre (for
     * every channel), or on this channel by a {@code consent.changed} naming the topic ({@code email:offerte}); never
     * for a transactional message.
     */
    public Optional<String> suppression(
            Profile profile, Channel channel, String journey, String step, MessageKind kind) {
        if (kind == MessageKind.TRANSACTIONAL) return Optional.empty();
        String topic = topicOf(journey, step, kind);
        if (profile.preferences().withdrew(topic)) return Optional.of("topic " + topic + " withdrawn");
        Consent onChannel = profile.consents().get(Consent.key(channel.id(), topic));
        if (onChannel != null && !onChannel.granted())
            return Optional.of("topic " + topic + " withdrawn on " + channel.id());
        return Optional.empty();
    }
}
