package it.attimo.core.timing;

import static org.assertj.core.api.Assertions.assertThat;

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
import it.attimo.core.timing.profile.HalfLifeSelection;
import it.attimo.core.timing.profile.ProfileAccumulator;
import it.attimo.core.timing.profile.ProfileSettings;
import it.attimo.core.timing.profile.TemporalModel;
import it.attimo.core.timing.profile.TemporalProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TemporalRefreshTest {
    static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z"); // Monday 07:00 in Rome
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventLog log = new InMemoryEventLog();
    final InMemoryTemporalModelStore store = new InMemoryTemporalModelStore();
    final MutableClock clock = new MutableClock(NOW);
    final AtomicLong nanos = new AtomicLong();
    final TemporalRefresh refresh = new TemporalRefresh(
            new InMemoryCustomerScan(profiles, log),
            store,
            TemporalModel.Settings.defaults(),
            null,
            clock,
            () -> nanos.getAndAdd(1_500_000_000L));

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
        assertThat(stored.model().clusters())
                .extracting(TemporalModel.Cluster::name)
                .containsExactlyElementsOf(report.clusters());
        assertThat(report.toMap())
                .containsEntry("customers", 41)
                .containsEntry("clusters", report.clusters().size())
                .containsEntry("events", report.events())
                .containsKey("wallMillis");
        // 40 engaged customers are too few to choose a half-life: the default, said so and stored
        assertThat(report.halfLife()).isEqualTo(ProfileSettings.HALF_LIFE);
        assertThat(report.halfLifeBasis())
                .isEqualTo("default 42 days: 40 customers engaged both before and in the last week, fewer than 50");
        assertThat(stored.halfLife()).isEqualTo(ProfileSettings.HALF_LIFE);
    }

    @Test
    void withEnoughEngagedCustomersTheHalfLifeIsChosenOnTheLastWeekStoredAndReported() {
        EngagementHistories.seedPopulation(profiles, log, 30, NOW);

        TemporalRefresh.Report report = adaptive().run();

        // the same selection, done by hand on the same logs: profiles as of a week ago scored on the last week
        HalfLifeSelection.Choice expected = HalfLifeSelection.choose(
                (asOf, halfLife) -> {
                    List<TemporalProfile> out = new ArrayList<>();
                    for (Profile p : profiles.all()) {
                        ProfileAccumulator acc = new ProfileAccumulator(p.customerId(), asOf, halfLife);
                        log.history(p.customerId()).forEach(e -> acc.add(e.type(), e.time()));
                        out.add(acc.finish());
                    }
                    return out;
                },
                NOW,
                Duration.ofDays(7),
                HalfLifeSelection.GRID,
                TemporalModel.Settings.defaults());
        assertThat(report.halfLife()).isEqualTo(expected.halfLife());
        assertThat(report.halfLifeBasis())
                .isEqualTo("chosen on the week from 2026-11-16T06:00:00Z held out, 60 customers (60 engaged)");
        assertThat(report.toMap())
                .containsEntry("halfLifeDays", expected.halfLife().toDays())
                .containsEntry("halfLifeBasis", report.halfLifeBasis());
        FittedModel stored = store.latest().orElseThrow();
        assertThat(stored.halfLife()).isEqualTo(expected.halfLife());
        // and the model was fitted on profiles built with it
        List<TemporalProfile> withChosen = new ArrayList<>();
        for (Profile p : profiles.all().stream()
                .sorted(java.util.Comparator.comparing(Profile::customerId))
                .toList()) {
            ProfileAccumulator acc = new ProfileAccumulator(p.customerId(), NOW, expected.halfLife());
            log.history(p.customerId()).forEach(e -> acc.add(e.type(), e.time()));
            withChosen.add(acc.finish());
        }
        assertThat(stored.model().alpha())
                .isEqualTo(TemporalModel.fit(withChosen, TemporalModel.Settings.defaults())
                        .alpha());
    }

    @Test
    void lessThanTwoWeeksOfHistoryKeepsTheDefaultHalfLife() {
        for (int i = 0; i < 60; i++) {
            profiles.put(Profile.empty("eve-" + i));
            EngagementHistories.everyEvening("eve-" + i, 13, NOW).forEach(log::append);
        }

        TemporalRefresh.Report report = adaptive().run();

        assertThat(report.halfLife()).isEqualTo(ProfileSettings.HALF_LIFE);
        assertThat(report.halfLifeBasis()).isEqualTo("default 42 days: less than 14 days of history");
        assertThat(store.latest().orElseThrow().halfLife()).isEqualTo(ProfileSettings.HALF_LIFE);
    }

    @Test
    void aFixedHalfLifeIsUsedAsGiven() {
        EngagementHistories.seedPopulation(profiles, log, 30, NOW);
        TemporalRefresh fixed = new TemporalRefresh(
                new InMemoryCustomerScan(profiles, log),
                store,
                TemporalModel.Settings.defaults(),
                Duration.ofDays(21),
                clock,
                () -> 0L);

        TemporalRefresh.Report report = fixed.run();

        assertThat(report.halfLife()).isEqualTo(Duration.ofDays(21));
        assertThat(report.halfLifeBasis()).isEqualTo("fixed");
        assertThat(store.latest().orElseThrow().halfLife()).isEqualTo(Duration.ofDays(21));
    }

    private TemporalRefresh adaptive() {
        return new TemporalRefresh(new InMemoryCustomerScan(profiles, log), store, clock);
    }

    @Test
    void eventsAfterTheClockInstantAreNotLearnedFrom() {
        EngagementHistories.seedPopulation(profiles, log, 20, NOW);
        profiles.put(Profile.empty("future"));
        log.append(Events.event(EventTypes.EMAIL_OPENED, "future")
                .at(NOW.plusSeconds(3600))
                .build());

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
