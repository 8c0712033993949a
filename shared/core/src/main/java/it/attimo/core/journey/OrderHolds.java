package it.attimo.core.journey;

import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.profile.ChurnRule;
import it.attimo.core.profile.ProfileFolder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a journey step is held at dispatch time, by the hold rules its journey declares in journeys.json
 * ({@code "holds": {"order-delayed": ["accessories", ...]}}), judged from the customer's event log alone. Pure and
 * restart-safe: no signal between executions, the log is the truth at the moment of sending.
 *
 * <ul>
 *   <li>{@code order-delayed}: the step's order ({@code context.orderId}) has a {@code delivery.delayed} notice with
 *       no {@code order.delivered} after it (paused until delivery);
 *   <li>{@code order-returned}: the step's order was returned ({@code order.returned});
 *   <li>{@code churn-high}: the churn rule ({@link ChurnRule}) puts the customer in the high-risk segment now.
 * </ul>
 */
public final class OrderHolds {
    public static final String ORDER_DELAYED = "order-delayed";
    public static final String ORDER_RETURNED = "order-returned";
    public static final String CHURN_HIGH = "churn-high";
    public static final List<String> KNOWN = List.of(ORDER_DELAYED, ORDER_RETURNED, CHURN_HIGH);

    private final JourneyCatalog catalog;

    public OrderHolds(JourneyCatalog catalog) {
        this.catalog = catalog;
    }

    /** Why {@code step} of {@code journey} must not go now, or empty. */
    public Optional<String> heldBecause(
            String journey, String step, String orderId, List<CustomerEvent> history, Instant now) {
        JourneyDefinition definition = catalog.journey(journey).orElse(null);
        if (definition == null) return Optional.empty();
        List<String> rules = definition.holdsOf(step);
        if (rules.isEmpty()) return Optional.empty();
        List<CustomerEvent> log = ProfileFolder.canonical(history);
        for (String rule : rules) {
            Optional<String> why = switch (rule) {
                case ORDER_DELAYED -> delayed(orderId, log);
                case ORDER_RETURNED -> returned(orderId, log);
                case CHURN_HIGH -> churnHigh(log, now);
                default -> Optional.empty();
            };
            if (why.isPresent()) return why;
        }
        return Optional.empty();
    }

    private static Optional<String> delayed(String orderId, List<CustomerEvent> log) {
        if (orderId == null) return Optional.empty();
        Instant delayed = null, delivered = null;
        for (CustomerEvent e : log) {
            if (!orderId.equals(e.text("orderId"))) continue;
            if (EventTypes.DELIVERY_DELAYED.equals(e.type())) delayed = e.time();
            if (EventTypes.ORDER_DELIVERED.equals(e.type())) delivered = e.time();
        }
        if (delayed != null && (delivered == null || delivered.isBefore(delayed)))
            return Optional.of("held: " + ORDER_DELAYED + " (order " + orderId + " delayed, not yet delivered)");
        return Optional.empty();
    }

    private static Optional<String> returned(String orderId, List<CustomerEvent> log) {
        if (orderId == null) return Optional.empty();
        return log.stream()
                .filter(e -> EventTypes.ORDER_RETURNED.equals(e.type()) && orderId.equals(e.text("orderId")))
                .findFirst()
                .map(e -> "held: " + ORDER_RETURNED + " (order " + orderId + " returned)");
    }

    private static Optional<String> churnHigh(List<CustomerEvent> log, Instant now) {
        ChurnRule.Assessment a = ChurnRule.assess(log, now);
        return a.risk().high()
                ? Optional.of("held: " + CHURN_HIGH + " ("
                        + String.join("; ", a.risk().reasons()) + ")")
                : Optional.empty();
    }
}
