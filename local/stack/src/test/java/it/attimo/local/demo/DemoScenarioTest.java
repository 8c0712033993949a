package it.attimo.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoScenarioTest {
    private static final Instant START = Instant.parse("2026-06-08T06:00:00Z");
    private static final List<DemoCustomer> CUSTOMERS = DemoPopulation.generate(2000, 42);
    private static final List<DemoEvent> EVENTS = DemoScenario.events(CUSTOMERS, 42, START, 4);

    @Test
    void theSameSeedGivesTheSameCustomersAndEvents() {
        assertThat(DemoPopulation.generate(2000, 42)).isEqualTo(CUSTOMERS);
        List<DemoEvent> again = DemoScenario.events(CUSTOMERS, 42, START, 4);
        assertThat(again).hasSameSizeAs(EVENTS);
        assertThat(again.get(again.size() / 2).cloudEvent())
                .isEqualTo(EVENTS.get(EVENTS.size() / 2).cloudEvent());
        assertThat(DemoPopulation.generate(2000, 43)).isNotEqualTo(CUSTOMERS);
    }

    @Test
    void customersSpreadOverItalyAndSegmentsWithoutRealContactData() {
        Map<String, Long> byArea =
                CUSTOMERS.stream().collect(Collectors.groupingBy(DemoCustomer::macroArea, Collectors.counting()));
        assertThat(byArea).hasSizeGreaterThanOrEqualTo(5);
        long b2b = CUSTOMERS.stream().filter(DemoCustomer::b2b).count();
        assertThat(b2b).isBetween(700L, 900L);
        assertThat(CUSTOMERS).allSatisfy(c -> {
            assertThat(c.id()).matches("c-\\d{6}");
            assertThat(c.email()).endsWith("@example.invalid");
            assertThat(c.comune()).matches("\\d{6}");
            assertThat(c.phone()).startsWith("+390000");
        });
    }

    @Test
    void eachCustomerStartsWithAnUpsertAndTheirEventsAreInTimeOrder() {
        Map<String, Instant> last = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (DemoEvent e : EVENTS) {
            if (seen.add(e.customerId())) {
                assertThat(e.type()).isEqualTo("customer.upserted");
            }
            Instant previous = last.put(e.customerId(), e.at());
            assertThat(previous == null || !e.at().isBefore(previous)).isTrue();
            assertThat(e.at()).isBetween(START, START.plus(Duration.ofDays(4)));
            assertThat(e.cloudEvent().path("subject").asText()).isEqualTo(e.customerId());
        }
        assertThat(seen).hasSize(CUSTOMERS.size());
    }

    @Test
    void aboutOnePercentTravelWithAMalformedCompanionAndTwoPercentTwice() {
        double malformed = EVENTS.stream().filter(e -> e.malformed() != null).count() / (double) EVENTS.size();
        double twice = EVENTS.stream().filter(DemoEvent::deliveredTwice).count() / (double) EVENTS.size();
        assertThat(malformed).isBetween(0.005, 0.02);
        assertThat(twice).isBetween(0.01, 0.03);
        assertThat(EVENTS.stream()
                        .map(e -> e.cloudEvent().path("id").asText())
                        .distinct()
                        .count())
                .isEqualTo(EVENTS.size());
    }

    @Test
    void ordersAreDeliveredOnceAndSomeAreLateOrReturned() {
        List<DemoEvent> events = DemoScenario.events(CUSTOMERS, 42, START, 16);
        Map<String, Long> deliveries = events.stream()
                .filter(e -> e.type().equals("order.delivered"))
                .collect(Collectors.groupingBy(
                        e -> e.cloudEvent().path("data").path("orderId").asText(), Collectors.counting()));
        assertThat(deliveries).isNotEmpty();
        assertThat(deliveries.values()).containsOnly(1L);
        assertThat(events)
                .filteredOn(e -> e.type().equals("delivery.delayed"))
                .anySatisfy(e -> assertThat(
                                e.cloudEvent().path("data").path("delayHours").asInt())
                        .isEqualTo(96))
                .anySatisfy(e -> assertThat(
                                e.cloudEvent().path("data").path("delayHours").asInt())
                        .isEqualTo(24));
        assertThat(events).anySatisfy(e -> assertThat(e.type()).isEqualTo("order.returned"));
        assertThat(events)
                .filteredOn(e -> e.type().equals("order.placed"))
                .allSatisfy(e -> assertThat(e.cloudEvent()
                                .path("data")
                                .path("items")
                                .get(0)
                                .path("category")
                                .asText())
                        .isNotBlank());
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> micros = List.of(1_000L, 2_000L, 3_000L, 4_000L, 100_000L);
        assertThat(DemoSummary.percentile(micros, 50)).isEqualTo(3.0);
        assertThat(DemoSummary.percentile(micros, 99)).isEqualTo(100.0);
        assertThat(DemoSummary.percentile(List.of(), 99)).isEqualTo(0.0);
    }
}
