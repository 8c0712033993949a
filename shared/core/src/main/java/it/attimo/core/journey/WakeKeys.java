package it.attimo.core.journey;

import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The keys a parked journey can wait on. An event is known by its plain type ({@code form.completed}) and, when its
 * data names the thing it is about, by {@code type:id} ({@code form.completed:first-module}), so a wait for one form
 * is not woken by another. Tier changes are the signal {@code tier.<name>} (see ProcessCustomerEvents).
 */
public final class WakeKeys {
    /** Data fields that identify what an event is about, tried in this order. */
    public static final List<String> ID_FIELDS = List.of("formId", "videoId", "contentId");

    public static final String TIER_PREFIX = "tier.";

    private WakeKeys() {}

    /** Every key this event wakes: its type first, then {@code type:id} for each identifying field it carries. */
    public static List<String> of(CustomerEvent event) {
        List<String> keys = new ArrayList<>(2);
        keys.add(event.type());
        for (String field : ID_FIELDS) {
            String id = event.text(field);
            if (id != null && !id.isBlank()) keys.add(event.type() + ":" + id);
        }
        return keys;
    }

    public static boolean matches(String key, CustomerEvent event) {
        return of(event).contains(key);
    }

    public static boolean isTier(String key) {
        return key.startsWith(TIER_PREFIX);
    }

    /**
     * The earliest event of {@code history} matching one of {@code keys} with {@code from <= time <= until}
     * ({@code until} null: no upper bound).
     */
    public static Optional<CustomerEvent> firstMatch(
            Collection<CustomerEvent> history, Collection<String> keys, Instant from, Instant until) {
        CustomerEvent best = null;
        for (CustomerEvent e : history) {
            if (from != null && e.time().isBefore(from)) continue;
            if (until != null && e.time().isAfter(until)) continue;
            if (keys.stream().noneMatch(k -> matches(k, e))) continue;
            if (best == null
                    || e.time().isBefore(best.time())
                    || (e.time().equals(best.time()) && e.id().compareTo(best.id()) < 0)) best = e;
        }
        return Optional.ofNullable(best);
    }

    /** Whether the profile already is in the tier a {@code tier.<name>} key waits for. */
    public static boolean tierReached(String key, Profile profile) {
        return isTier(key) && profile != null && profile.tier() != null && key.equals(TIER_PREFIX + profile.tier());
    }
}
