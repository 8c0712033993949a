package it.attimo.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderTest {
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theLatestEventWithItemsDescribesTheOrder() {
        List<CustomerEvent> log = List.of(
                CustomerEvent.of(
                        "a", "order.placed", "c", T, Map.of("orderId", "o-1", "items", List.of(item("A", "x", 10)))),
                CustomerEvent.of(
                        "b",
                        "order.shipped",
                        "c",
                        T.plusSeconds(60),
                        Map.of("orderId", "o-1", "items", List.of(item("B", "giardino", "99.5")))),
                CustomerEvent.of("c", "order.delivered", "c", T.plusSeconds(120), Map.of("orderId", "o-1")),
                CustomerEvent.of(
                        "d",
                        "order.placed",
                        "c",
                        T.plusSeconds(180),
                        Map.of("orderId", "o-2", "items", List.of(item("C", "y", 1)))),
                CustomerEvent.of(
                        "e",
                        "page.viewed",
                        "c",
                        T.plusSeconds(240),
                        Map.of("orderId", "o-1", "items", List.of(item("D", "z", 1)))));
        Order o = Order.latest(log, "o-1").orElseThrow();
        assertThat(o.items()).singleElement().satisfies(i -> {
            assertThat(i.sku()).isEqualTo("B");
            assertThat(i.price()).isEqualTo(99.5);
        });
        assertThat(o.category()).isEqualTo("giardino");
        assertThat(Order.latest(log, "o-9")).isEmpty();
        assertThat(Order.latest(log, null)).isEmpty();
        assertThat(Order.latest(null, "o-1")).isEmpty();
    }

    @Test
    void thePriciestCategorisedItemSpeaksForTheOrder() {
        Order o = new Order(
                "o",
                Order.items(List.of(
                        item("A", "accessori", 10),
                        Map.of("sku", "N", "name", "senza categoria", "price", 1000),
                        item("B", "elettrodomestici", 250),
                        item("C", "elettronica", "not a number"),
                        "not an item")));
        assertThat(o.items()).hasSize(4);
        assertThat(o.category()).isEqualTo("elettrodomestici");
        assertThat(o.mainItem().orElseThrow().sku()).isEqualTo("B");
        assertThat(new Order("o", null).category()).isNull();
        Order unpriced = new Order(
                "o", Order.items(List.of(Map.of("sku", "A", "category", "x"), Map.of("sku", "B", "category", "y"))));
        assertThat(unpriced.category()).as("first one without prices").isEqualTo("x");
    }

    private static Map<String, Object> item(String sku, String category, Object price) {
        return Map.of("sku", sku, "name", "Articolo " + sku, "category", category, "price", price);
    }
}
