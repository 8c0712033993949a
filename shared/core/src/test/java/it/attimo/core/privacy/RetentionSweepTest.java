package it.attimo.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.customer.Profile;
import it.attimo.core.event.EventTypes;
import it.attimo.core.port.CustomerScan;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionSweepTest {
    final MutableClock clock = MutableClock.at("2028-06-10T03:00:00Z");
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final List<CustomerScan.ScannedCustomer> customers = new ArrayList<>();
    final CustomerScan scan = visitor -> customers.forEach(visitor);

    void customer(String id, String lastSeen) {
        Profile p = Profile.empty(id);
        customers.add(new CustomerScan.ScannedCustomer(
                new Profile(
                        id,
                        null,
                        null,
                        null,
                        null,
                        Map.of(),
                        0,
                        null,
                        List.of(),
                        Map.of(),
                        null,
                        lastSeen == null ? null : Instant.parse(lastSeen),
                        List.of(),
                        List.of(),
                        Map.of(),
                        null,
                        p.version()),
                List.of()));
    }

    @Test
    void onlyCustomersInactiveLongerThanTheRetentionAreErased() {
        customer("old", "2026-06-09T23:59:59Z");
        customer("recent", "2026-06-10T03:00:01Z");
        customer("never", null);
        RetentionSweep.Result r = new RetentionSweep(scan, queue, 24, clock).run();
        assertThat(r.scanned()).isEqualTo(3);
        assertThat(r.erased()).isEqualTo(1);
        assertThat(r.toMap()).containsEntry("erased", 1);
        assertThat(queue.published()).singleElement().satisfies(e -> {
            assertThat(e.customerId()).isEqualTo("old");
            assertThat(e.type()).isEqualTo(EventTypes.CUSTOMER_ERASED);
            assertThat(e.source()).isEqualTo(RetentionSweep.SOURCE);
        });
    }

    @Test
    void theCutoffCountsCalendarMonthsAndTheRetentionIsConfigurable() {
        assertThat(RetentionSweep.cutoff(Instant.parse("2028-03-31T10:00:00Z"), 1))
                .isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
        customer("six-months", "2027-12-01T00:00:00Z");
        assertThat(new RetentionSweep(scan, queue, 6, clock).run().erased()).isEqualTo(1);
        assertThatThrownBy(() -> new RetentionSweep(scan, queue, 0, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RetentionSweep.asDuration(24).toDays()).isEqualTo(731);
    }

    @Test
    void manyErasuresAreQueuedInBatches() {
        for (int i = 0; i < 250; i++) customer("c-" + i, "2020-01-01T00:00:00Z");
        assertThat(new RetentionSweep(scan, queue, 24, clock).run().erased()).isEqualTo(250);
        assertThat(queue.publishCalls()).isEqualTo(3);
        assertThat(queue.published()).hasSize(250);
    }
}
