package it.attimo.core.timing;

import it.attimo.core.customer.Profile;
import it.attimo.core.event.EventTypes;
import it.attimo.core.testing.EngagementHistories;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryCustomerScan;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryTemporalModelStore;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.timing.profile.FittedModel;
import it.attimo.core.timing.profile.ProfileSettings;
import it.attimo.core.timing.profile.TemporalModel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TemporalRefreshTest {
    static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z"); // Monday 07:00 in Rome
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventLog log = new InMemoryEventLog();
    final InMemoryTemporalModelStore store = new InMemoryTemporalModelStore();
    final MutableClock clock = new MutableClock(NOW);
    final AtomicLong nanos = new AtomicLong();
    final TemporalRefresh refresh = new TemporalRefresh(new InMemoryCustomerScan(profiles, log), store,
            TemporalModel.Settings.defaults(), ProfileSettings.HALF_LIFE, clock, () -> nanos.getAndAdd(1_500_000_000L));

    @Test
    void fitsClustersNamedForTheRhythmsInTheLogsAndStoresTheModel() {
        EngagementHistories.seedPopulation(profiles, log, 20, NOW);
        profiles.put(Profile.empty("silent"));

        TemporalRefresh.Report report = refresh.run();

        assertThat(report.customers()).isEqualTo(41);
        assertThat(report.events()).isEqualTo(20 * 16 + 20 * 28);
        assertThat(report.engagedCustomers()).isEqualTo(40);
        assertThat(report.fittedAt()).isEqualTo(NOW);
        assertThat(report.wallMillis()).isEqualTo(1500);
        assertThat(report.clusters()).contains("martedì mattina", "tutti i giorni sera");
        assertThat(store.saves()).isEqualTo(1);
        FittedModel stored = store.latest().orElseThrow();
        assertThat(stored.fittedAt()).isEqualTo(NOW);
        assertThat(stored.customers()).isEqualTo(41);
        assertThat(stored.events()).isEqualTo(report.events());
        assertThat(stored.model().clusters()).extracting(TemporalModel.Cluster::name)
                .containsExactlyElementsOf(report.clusters());
        assertThat(report.toMap()).containsEntry("customers", 41).containsEntry("clusters", report.clusters().size())
                .containsEntry("events", report.events()).containsKey("wallMillis");
    }

    @Test
    void eventsAfterTheClockInstantAreNotLearnedFrom() {
        EngagementHistories.seedPopulation(profiles, log, 20, NOW);
        profiles.put(Profile.empty("future"));
        log.append(Events.event(EventTypes.EMAIL_OPENED, "future").at(NOW.plusSeconds(3600)).build());

        TemporalRefresh.Report report = refresh.run();

        assertThat(report.events()).isEqualTo(20 * 16 + 20 * 28 + 1);
        assertThat(report.engagedCustomers()).isEqualTo(40);
    }

    @Test
    void withNoCustomersAPopulationOnlyModelIsStored() {
        TemporalRefresh.Report report = refresh.run();

        assertThat(report.customers()).isZero();
        assertThat(report.events()).isZero();
        assertThat(report.clusters()).hasSize(1);
        assertThat(store.latest()).isPresent();
    }
}
