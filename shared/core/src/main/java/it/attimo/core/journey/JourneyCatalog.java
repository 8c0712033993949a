package it.attimo.core.journey;

import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.ingest.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/** Which event starts which journey, for whom, and under which execution name. */
public final class JourneyCatalog {
    public static final String POST_PURCHASE = "post-purchase";
    public static final String ONBOARDING = "onboarding-72h";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int MAX_NAME = 80;

    public record Trigger(String journey, String eventType, BiPredicate<CustomerEvent, Profile> when) {}

    private final List<Trigger> triggers;

    public JourneyCatalog(List<Trigger> triggers) {
        this.triggers = List.copyOf(triggers);
    }

    public static JourneyCatalog defaults() {
        return new JourneyCatalog(List.of(
                new Trigger(POST_PURCHASE, EventTypes.ORDER_DELIVERED, (e, p) -> true),
                new Trigger(
                        ONBOARDING, EventTypes.ACCOUNT_REGISTERED, (e, p) -> p != null && p.segment() == Segment.B2B)));
    }

    public List<Trigger> triggeredBy(CustomerEvent event, Profile profile) {
        return triggers.stream()
                .filter(t -> t.eventType().equals(event.type()) && t.when().test(event, profile))
                .toList();
    }

    /**
     * The execution name: the same customer and triggering event always give the same name, so a redelivered event
     * cannot start a second execution. Readable when the ids allow it, a digest otherwise (Step Functions: 80 chars).
     */
    public static String executionName(String journey, String customerId, String eventId) {
        String readable = journey + "-" + customerId + "-" + eventId;
        if (readable.length() <= MAX_NAME && SAFE.matcher(readable).matches()) return readable;
        String digest = Hmac.hex(
                Hmac.sha256((journey + "\u0000" + customerId + "\u0000" + eventId).getBytes(StandardCharsets.UTF_8)));
        // The journey stays readable, cut to fit and stripped of unsafe characters; the digest carries uniqueness.
        String prefix = journey.replaceAll("[^A-Za-z0-9_-]", "_");
        prefix = prefix.substring(0, Math.min(prefix.length(), MAX_NAME - 41));
        return prefix + "-" + digest.substring(0, 40);
    }

    /** The journey an execution belongs to, read from its name's prefix; null when it is none of the catalogue's. */
    public static String journeyOfExecution(String executionName) {
        String name = executionNameOf(executionName);
        for (String journey : List.of(POST_PURCHASE, ONBOARDING)) {
            if (name.startsWith(journey + "-")) return journey;
        }
        return null;
    }

    /** The execution name from an execution ARN or name. */
    public static String executionNameOf(String executionIdOrName) {
        int i = executionIdOrName.lastIndexOf(':');
        return i < 0 ? executionIdOrName : executionIdOrName.substring(i + 1);
    }
}
