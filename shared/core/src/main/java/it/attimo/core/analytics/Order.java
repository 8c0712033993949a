package it.attimo.core.analytics;

import java.time.Instant;
import java.util.Map;

/**
 * One order as the analytics read it: when it was placed (or, without an {@code order.placed}, delivered), its value
 * ({@code total}, else the sum of its items' prices) and the value per product category.
 */
public record Order(String orderId, Instant time, double total, Map<String, Double> categorySpend) {
    public Order {
        categorySpend = categorySpend == null ? Map.of() : Map.copyOf(categorySpend);
    }
}
