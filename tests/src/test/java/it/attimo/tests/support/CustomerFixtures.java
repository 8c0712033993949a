package it.attimo.tests.support;

import it.attimo.core.event.CustomerEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The customers and orders the end-to-end suites post: one definition, each suite adjusting what it tests. */
public final class CustomerFixtures {
    /** ISTAT code of Roma. */
    public static final String ROMA = "058091";

    private CustomerFixtures() {}

    /**
     * A b2c customer's contact data who consented to e-mail: comune, an {@code example.invalid} address, first name
     * Livia, locale it-IT. A mutable map, so a suite can add a phone or drop the name.
     */
    public static Map<String, Object> b2cWithEmailConsent(String customer, String comune) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2c");
        data.put("comune", comune);
        data.put("email", customer + "@example.invalid");
        data.put("firstName", "Livia");
        data.put("locale", "it-IT");
        data.put("consent", Map.of("email", true));
        return data;
    }

    /** {@code customer.upserted} with this data, ten days before {@code delivered} (id {@code up-<customer>}). */
    public static CustomerEvent upserted(String customer, String source, Instant delivered, Map<String, Object> data) {
        return new CustomerEvent(
                "up-" + customer, source, "customer.upserted", customer, delivered.minus(Duration.ofDays(10)), data);
    }

    /** {@code order.delivered} of one microwave oven (category elettrodomestici, 189 EUR), id {@code del-<orderId>}. */
    public static CustomerEvent microwaveDelivered(String customer, String orderId, String source, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", orderId);
        data.put(
                "items",
                List.of(Map.of(
                        "sku", "MW-100",
                        "name", "Forno a microonde Combi 25 L",
                        "category", "elettrodomestici",
                        "price", 189.0)));
        data.put("total", 189.0);
        data.put("currency", "EUR");
        return new CustomerEvent("del-" + orderId, source, "order.delivered", customer, at, data);
    }
}
