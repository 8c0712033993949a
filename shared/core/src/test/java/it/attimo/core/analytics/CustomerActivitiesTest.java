package it.attimo.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.customer.Segment;
import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerActivitiesTest {
    static final Instant T0 = Instant.parse("2026-06-10T08:00:00Z");
    final List<CustomerEvent> log = new ArrayList<>();

    private void add(String type, int hours, Map<String, Object> data) {
        log.add(CustomerEvent.of("e" + log.size(), type, "c1", T0.plusSeconds(hours * 3600L), data));
    }

    @Test
    void placedAndDeliveredOfOneOrderAreOneOrderValuedByTotalOrItems() {
        add(
                "order.placed",
                0,
                Map.of(
                        "orderId",
                        "o1",
                        "total",
                        99.5,
                        "items",
                        List.of(
                                Map.of("sku", "a", "category", "Casa", "price", 50),
                                Map.of("sku", "b", "price", "49.5"))));
        add("order.delivered", 48, Map.of("orderId", "o1"));
        add(
                "order.placed",
                100,
                Map.of(
                        "orderId",
                        "o2",
                        "items",
                        List.of(
                                Map.of("category", "Moda", "price", 10, "quantity", 3),
                                "junk",
                                Map.of("category", 5, "price", "x"))));
        add("order.delivered", 120, Map.of());
        CustomerActivity a = CustomerActivities.from(AnalyticsRefreshTest.profile("c1", Segment.B2C, "Sud"), log);
        assertThat(a.orders()).hasSize(2);
        Order o1 = a.orders().get(0);
        assertThat(o1.time()).isEqualTo(T0);
        assertThat(o1.total()).isEqualTo(99.5);
        assertThat(o1.categorySpend()).containsEntry("Casa", 50.0).containsEntry("altro", 49.5);
        Order o2 = a.orders().get(1);
        assertThat(o2.total()).isEqualTo(30.0);
        assertThat(o2.categorySpend()).containsEntry("Moda", 30.0).containsEntry("altro", 0.0);
        assertThat(a.macroArea()).isEqualTo("Sud");
        assertThat(a.accountId()).isEqualTo("c1");
        assertThat(a.sizeBand()).isNull();
    }

    @Test
    void aShopThatReportsDeliveriesOnlyStillHasOrders() {
        add("order.delivered", 0, Map.of());
        add("order.delivered", 30, Map.of("total", "12.5"));
        add("order.delivered", 60, Map.of("amount", 7.25, "currency", "EUR"));
        CustomerActivity a = CustomerActivities.from(null, log);
        assertThat(a.customerId()).isEqualTo("c1");
        assertThat(a.orders()).extracting(Order::total).containsExactly(0.0, 12.5, 7.25);
    }

    @Test
    void signalsCompanyAndSizeAreReadTolerantly() {
        add("customer.upserted", 0, Map.of("companyId", "az-1", "employees", 120));
        add("customer.upserted", -5, Map.of("companyId", "older", "employees", "many"));
        add("email.opened", 1, Map.of());
        add("email.clicked", 2, Map.of());
        add("sms.clicked", 3, Map.of());
        add("push.opened", 4, Map.of());
        add("portal.accessed", 5, Map.of());
        add("delivery.delayed", 6, Map.of("delayHours", 80));
        add("delivery.delayed", 7, Map.of("delayHours", "soon"));
        add("order.returned", 8, Map.of());
        add("support.contacted", 9, Map.of());
        add("survey.answered", 10, Map.of("nps", 4));
        add("survey.answered", 11, Map.of("nps", 40));
        add("consent.changed", 12, Map.of("channel", "email", "granted", true));
        CustomerActivity a = CustomerActivities.from(AnalyticsRefreshTest.profile("c1", Segment.B2B, "Centro"), log);
        assertThat(a.accountId()).isEqualTo("az-1");
        assertThat(a.employees()).isEqualTo(120);
        assertThat(a.sizeBand()).isEqualTo("media");
        assertThat(a.b2b()).isTrue();
        assertThat(a.signals())
                .extracting(Signal::kind)
                .containsExactly(
                        Signal.Kind.EMAIL,
                        Signal.Kind.EMAIL,
                        Signal.Kind.SMS,
                        Signal.Kind.PUSH,
                        Signal.Kind.OTHER_ENGAGEMENT,
                        Signal.Kind.DELAY,
                        Signal.Kind.DELAY,
                        Signal.Kind.RETURN,
                        Signal.Kind.SUPPORT,
                        Signal.Kind.NPS,
                        Signal.Kind.OTHER_ENGAGEMENT,
                        Signal.Kind.OTHER_ENGAGEMENT);
        assertThat(a.signals().get(5).value()).isEqualTo(80);
        assertThat(a.signals().get(6).value()).isZero();
        // without a profile's firstSeen, the first order or signal
        assertThat(a.firstSeen()).isEqualTo(T0.plusSeconds(3600));
        CustomerActivity derived = new CustomerActivity(
                "x", " ", null, null, -1, null, List.of(new Order("o", T0, 1, Map.of())), a.signals());
        assertThat(derived.firstSeen()).isEqualTo(T0);
        assertThat(derived.accountId()).isEqualTo("x");
        for (int[] band : new int[][] {{5, 0}, {20, 1}, {100, 2}, {1000, 3}}) {
            String expected = List.of("micro", "piccola", "media", "grande").get(band[1]);
            assertThat(new CustomerActivity("x", null, null, null, band[0], null, List.of(), List.of()).sizeBand())
                    .isEqualTo(expected);
        }
    }

    @Test
    void purchaseSummariesCountRomeCalendarDaysInWeeks() {
        Instant asOf = Instant.parse("2026-06-29T10:00:00Z");
        List<Order> orders = List.of(
                new Order("a", Instant.parse("2026-06-01T09:00:00Z"), 10, Map.of()),
                new Order("b", Instant.parse("2026-06-01T20:00:00Z"), 10, Map.of()),
                // 22:30 UTC is already 2 June in Rome
                new Order("c", Instant.parse("2026-06-01T22:30:00Z"), 10, Map.of()),
                new Order("d", Instant.parse("2026-06-15T09:00:00Z"), 10, Map.of()));
        CustomerActivity a = new CustomerActivity("c", null, null, null, -1, null, orders, List.of());
        CustomerSummary s = PurchaseSummaries.of(a, asOf);
        assertThat(s.frequency()).isEqualTo(2);
        assertThat(s.recency()).isEqualTo(2.0);
        assertThat(s.age()).isEqualTo(4.0);
        assertThat(PurchaseSummaries.of(
                        new CustomerActivity("n", null, null, null, -1, null, List.of(), List.of()), asOf))
                .isNull();
    }
}
