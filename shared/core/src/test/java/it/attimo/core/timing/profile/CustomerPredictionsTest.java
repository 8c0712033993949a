package it.attimo.core.timing.profile;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.testing.EngagementHistories;
import it.attimo.core.testing.InMemoryCustomerScan;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryTemporalModelStore;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.TemporalRefresh;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CustomerPredictionsTest {
    static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventLog log = new InMemoryEventLog();
    final InMemoryTemporalModelStore store = new InMemoryTemporalModelStore();
    final MutableClock clock = new MutableClock(NOW);
    final CustomerPredictions predictions = new CustomerPredictions(log, store, clock);

    void refresh() {
        new TemporalRefresh(new InMemoryCustomerScan(profiles, log), store, clock).run();
    }

    @Test
    void withoutAModelNothingIsPredicted() {
        EngagementHistories.tuesdayMornings("c-1", 8, NOW).forEach(log::append);
        CustomerPredictions.Outcome o = predictions.forCustomer("c-1");
        assertThat(o.prediction()).isNull();
        assertThat(o.reason()).isEqualTo("profile: none (no temporal model fitted yet)");
    }

    @Test
    void aModelOfAHandfulOfCustomersPredictsNothing() {
        for (int i = 0; i < CustomerPredictions.MIN_POPULATION - 1; i++) {
            profiles.put(it.attimo.core.customer.Profile.empty("tue-" + i));
            EngagementHistories.tuesdayMornings("tue-" + i, 8, NOW).forEach(log::append);
        }
        refresh();
        EngagementHistories.tuesdayMornings("c-1", 3, NOW).forEach(log::append);

        CustomerPredictions.Outcome o = predictions.forCustomer("c-1");

        assertThat(o.prediction()).isNull();
        assertThat(o.reason())
                .isEqualTo("profile: none (model of " + (CustomerPredictions.MIN_POPULATION - 1)
                        + " customers, fewer than " + CustomerPredictions.MIN_POPULATION + ")");
    }

    @Test
    void aCustomerWithoutEngagementGetsNoPrediction() {
        EngagementHistories.seedPopulation(profiles, log, 20, NOW);
        refresh();
        CustomerPredictions.Outcome o = predictions.forCustomer("nobody");
        assertThat(o.prediction()).isNull();
        assertThat(o.reason()).isEqualTo("profile: none (no engagement events yet)");
    }

    @Test
    void aTuesdayReaderIsPredictedFromTheirOwnLogAndTheirCluster() {
        EngagementHistories.seedPopulation(profiles, log, 20, NOW);
        refresh();
        EngagementHistories.tuesdayMornings("c-1", 3, NOW).forEach(log::append);

        CustomerPredictions.Outcome o = predictions.forCustomer("c-1");

        assertThat(o.reason()).isEqualTo("profile: martedì mattina, 6 engagements (model of 2026-11-23)");
        int best = 0;
        for (int h = 1; h < HourOfWeek.COUNT; h++)
            if (o.prediction().probability(h) > o.prediction().probability(best)) best = h;
        assertThat(HourOfWeek.day(best)).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(HourOfWeek.hour(best)).isEqualTo(10);
        assertThat(o.prediction().label()).isEqualTo("martedì mattina");
    }

    @Test
    void theCustomersProfileIsBuiltWithTheStoredModelsHalfLife() {
        EngagementHistories.seedPopulation(profiles, log, 20, NOW);
        refresh();
        TemporalModel model = store.latest().orElseThrow().model();
        store.save(new FittedModel(NOW, 40, 0, Duration.ofDays(7), model));
        // old Tuesday mornings and recent evenings: how much the old ones count depends on the half-life
        EngagementHistories.tuesdayMornings("c-1", 8, NOW.minus(Duration.ofDays(28)))
                .forEach(log::append);
        EngagementHistories.everyEvening("c-1", 7, NOW).forEach(log::append);

        CustomerPredictions.Outcome o = predictions.forCustomer("c-1");

        double[] withStored =
                model.predict(profileOf("c-1", Duration.ofDays(7))).sendScore();
        double[] withDefault =
                model.predict(profileOf("c-1", ProfileSettings.HALF_LIFE)).sendScore();
        assertThat(withStored).isNotEqualTo(withDefault);
        assertThat(((CustomerPrediction) o.prediction()).sendScore()).containsExactly(withStored);
    }

    private TemporalProfile profileOf(String customerId, Duration halfLife) {
        ProfileAccumulator acc = new ProfileAccumulator(customerId, NOW, halfLife);
        log.history(customerId).forEach(e -> acc.add(e.type(), e.time()));
        return acc.finish();
    }

    @Test
    void theStoredModelIsReReadAfterTheReloadPeriodOnly() {
        EngagementHistories.seedPopulation(profiles, log, 20, NOW);
        EngagementHistories.tuesdayMornings("c-1", 3, NOW).forEach(log::append);
        assertThat(predictions.forCustomer("c-1").prediction()).isNull();
        refresh(); // a missing model is not cached: the next plan finds the new one
        assertThat(predictions.forCustomer("c-1").prediction()).isNotNull();
        int reads = store.reads();
        predictions.forCustomer("c-1");
        assertThat(store.reads()).isEqualTo(reads);
        clock.advance(CustomerPredictions.DEFAULT_MODEL_RELOAD.plus(Duration.ofSeconds(1)));
        predictions.forCustomer("c-1");
        assertThat(store.reads()).isEqualTo(reads + 1);
    }

    @Test
    void anUnreadableModelStoreMeansNoPredictionNotAFailedPlan() {
        EngagementHistories.tuesdayMornings("c-1", 3, NOW).forEach(log::append);
        it.attimo.core.port.TemporalModelStore broken = new it.attimo.core.port.TemporalModelStore() {
            @Override
            public void save(FittedModel model) {
                throw new IllegalStateException("down");
            }

            @Override
            public java.util.Optional<FittedModel> latest() {
                throw new IllegalStateException("down");
            }
        };
        CustomerPredictions.Outcome o = new CustomerPredictions(log, broken, clock).forCustomer("c-1");
        assertThat(o.prediction()).isNull();
        assertThat(o.reason()).isEqualTo("profile: none (temporal model unavailable: IllegalStateException)");
    }
}
