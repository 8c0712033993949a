package it.attimo.core.message;

import it.attimo.core.event.CustomerEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a message may say about an order: its id and items, read from the customer's {@code order.*} events. Items
 * carry no personal data (sku, product name, category, price).
 */
public record Order(String orderId, List<Item> items) {
    public Order {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** One line of an order. {@code price} may be null when the event did not say. */
    public record Item(String sku, String name, String category, Double price) {}

    /**
     * The order {@code orderId} as its latest {@code order.*} event with items describes it (an {@code order.shipped}
     * without items does not hide the items of the {@code order.placed} before it); empty when the log has no such
     * event with items.
     */
    public static Optional<Order> latest(List<CustomerEvent> history, String orderId) {
        if (orderId == null || history == null) return Optional.empty();
        return history.stream()
                .filter(e -> e.type().startsWith("order.") && orderId.equals(e.text("orderId")))
                .filter(e -> e.data().get("items") instanceof List<?> l && !l.isEmpty())
                .max(Comparator.comparing(CustomerEvent::time).thenComparing(CustomerEvent::id))
                .map(e -> new Order(orderId, items((List<?>) e.data().get("items"))));
    }

    static List<Item> items(List<?> raw) {
        List<Item> out = new ArrayList<>();
        for (Object o : raw) {
            if (!(o instanceof Map<?, ?> m)) continue;
            out.add(new Item(text(m, "sku"), text(m, "name"), text(m, "category"), number(m.get("price"))));
        }
        return out;
    }

    /** The category that speaks for the order: the priciest categorised item's (the first one's on a tie). */
    public String category() {
        return mainItem().map(Item::category).orElse(null);
    }

    /** The item a message names: the priciest item with a category (the first one on a tie or without prices). */
    public Optional<Item> mainItem() {
        Item best = null;
        for (Item i : items) {
            if (i.category() == null) continue;
            if (best == null || price(i) > price(best)) best = i;
        }
        return Optional.ofNullable(best);
    }

    private static double price(Item i) {
        return i.price() == null ? Double.NEGATIVE_INFINITY : i.price();
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    private static Double number(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
