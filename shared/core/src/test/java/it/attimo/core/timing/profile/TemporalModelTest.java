package it.attimo.core.timing.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.synthetic.SyntheticPopulation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TemporalModelTest {
    private static SyntheticPopulation population;
    private static List<TemporalProfile> profiles;
    private static TemporalModel model;
    private static final Instant AS_OF = SyntheticPopulation.endOfWeek(8);

    @BeforeAll
    static void fit() {
        population = SyntheticPopulation.generate(3000, 11);
        profiles = new ArrayList<>();
        for (SyntheticPopulation.Customer c : population.customers()) {
            ProfileAccumulator acc = new ProfileAccumulator(c.id(), AS_OF, ProfileSettings.HALF_LIFE);
            for (SyntheticPopulation.Event e : population.history(c, 8)) acc.add(e.type(), e.time());
            profiles.add(acc.finish());
        }
        model = TemporalModel.fit(profiles, TemporalModel.Settings.defaults());
    }

    @Test
    void fitsNamedClustersAndAPriorStrength() {
        assertThat(model.clusters()).hasSizeBetween(2, 12);
        assertThat(model.clusters())
                .allSatisfy(c -> assertThat(c.name())
                        .matches(
                                "(lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|weekend|feriali|tutti i giorni) "
                                        + "(notte|mattina|pomeriggio|sera)( \\d)?"));
        assertThat(model.clusters()).extracting(TemporalModel.Cluster::name).doesNotHaveDuplicates();
        assertThat(TemporalModel.ALPHA_GRID).contains(model.alpha());
        assertThat(model.sinkHours()).isBetween(1.0, 48.0);
    }

    @Test
    void aRichTuesdayMorningReaderIsPredictedOnTuesdayMorning() {
        ProfileAccumulator acc = new ProfileAccumulator("c-x", AS_OF, ProfileSettings.HALF_LIFE);
        Instant monday = SyntheticPopulation.endOfWeek(0);
        for (int w = 0; w < 8; w++) {
            for (int i = 0; i < 4; i++) {
                // endOfWeek(0) is Monday 00:00 local: + 1 day + 9 h = Tuesday 09:00-09:30 local
                acc.add(EventTypes.PORTAL_ACCESSED, monday.plusSeconds(w * 7 * 86400L + 86400L + 9 * 3600L + i * 600L));
            }
        }
        CustomerPrediction p = model.predict(acc.finish());
        int best = argmaxIn(p.sendScore(), 9, 13);
        assertThat(HourOfWeek.day(best)).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(HourOfWeek.hour(best)).isEqualTo(9);
    }

    @Test
    void sparseProfilesAreShrunkTowardsThePrior() {
        ProfileAccumulator acc = new ProfileAccumulator("c-y", AS_OF, ProfileSettings.HALF_LIFE);
        acc.add(EventTypes.EMAIL_OPENED, Instant.parse("2026-02-25T02:10:00Z")); // one read at 03:10 on a Wednesday
        TemporalProfile sparse = acc.finish();
        double[] shrunk = model.predict(sparse).reads();
        double[] raw = model.predictRaw(sparse).reads();
        int h = HourOfWeek.of(DayOfWeek.WEDNESDAY, 3);
        assertThat(raw[h]).isEqualTo(1.0);
        assertThat(shrunk[h]).isLessThan(0.5).isGreaterThan(model.population()[h]);
        assertThat(model.predict(TemporalProfile.empty("c-z")).label()).isEqualTo("popolazione");
    }

    @Test
    void aChangeOfHabitsInTheLastTwoWeeksMovesThePrediction() {
        // six weeks of Tuesday-morning visits, then two weeks of Thursday-evening visits only
        ProfileAccumulator acc = new ProfileAccumulator("c-d", AS_OF, Duration.ofDays(168));
        Instant monday = SyntheticPopulation.endOfWeek(0);
        for (int w = 0; w < 8; w++) {
            long offset = w < 6 ? 86400L + 9 * 3600L : 3 * 86400L + 20 * 3600L;
            for (int i = 0; i < 3; i++)
                acc.add(EventTypes.PORTAL_ACCESSED, monday.plusSeconds(w * 7 * 86400L + offset + i * 600L));
        }
        TemporalProfile changed = acc.finish();
        int tuesday9 = HourOfWeek.of(DayOfWeek.TUESDAY, 9), thursday20 = HourOfWeek.of(DayOfWeek.THURSDAY, 20);
        TemporalModel plain = model.tuned(TemporalModel.Tuning.NONE);
        TemporalModel watching = model.tuned(new TemporalModel.Tuning(0, 0.3));
        assertThat(plain.changeProbability(changed, plain.clusterPrior(changed)))
                .isZero();
        assertThat(watching.changeProbability(changed, watching.clusterPrior(changed)))
                .isGreaterThan(0.5);
        double[] before = plain.predict(changed).reads();
        double[] after = watching.predict(changed).reads();
        assertThat(before[tuesday9]).isGreaterThan(before[thursday20]);
        assertThat(after[thursday20]).isGreaterThan(after[tuesday9]);
        // the same eight weeks without a change: no change seen, the prediction stays
        ProfileAccumulator steady = new ProfileAccumulator("c-s", AS_OF, Duration.ofDays(168));
        for (int w = 0; w < 8; w++)
            for (int i = 0; i < 3; i++)
                steady.add(
                        EventTypes.PORTAL_ACCESSED, monday.plusSeconds(w * 7 * 86400L + 86400L + 9 * 3600L + i * 600L));
        TemporalProfile same = steady.finish();
        assertThat(watching.changeProbability(same, watching.clusterPrior(same)))
                .isLessThan(0.05);
    }

    @Test
    void responsesAreCorrectedTowardTheHoursWhereNobodyWasMailed() {
        // everyone is mailed on Tuesday at 10 and opens then; visits are spread over Tuesday and Friday mornings
        List<TemporalProfile> skewed = new ArrayList<>();
        Instant tuesday10 = Instant.parse("2026-02-24T09:05:00Z"), friday10 = Instant.parse("2026-02-27T09:05:00Z");
        for (int i = 0; i < 300; i++) {
            ProfileAccumulator acc = new ProfileAccumulator("c-" + i, AS_OF, ProfileSettings.HALF_LIFE);
            acc.add(EventTypes.EMAIL_SENT, tuesday10.minusSeconds(120));
            acc.add(EventTypes.EMAIL_OPENED, tuesday10);
            acc.add(EventTypes.PORTAL_ACCESSED, i % 2 == 0 ? tuesday10 : friday10);
            skewed.add(acc.finish());
        }
        double[] ratio = TemporalModel.responseRatio(skewed);
        int tue = HourOfWeek.of(DayOfWeek.TUESDAY, 10), fri = HourOfWeek.of(DayOfWeek.FRIDAY, 10);
        assertThat(ratio[tue]).isLessThan(1); // opens over-represent the mailed hour
        assertThat(ratio[fri]).isGreaterThan(ratio[tue]);
        TemporalModel m = TemporalModel.fit(skewed, TemporalModel.Settings.defaults());
        TemporalProfile opener = skewed.get(1); // opened on Tuesday, visited on Friday
        double[] raw = m.tuned(TemporalModel.Tuning.NONE).predict(opener).reads();
        double[] corrected =
                m.tuned(new TemporalModel.Tuning(1, 0)).predict(opener).reads();
        assertThat(corrected[tue] / corrected[fri]).isLessThan(raw[tue] / raw[fri]);
        // too few events of either kind: no correction
        assertThat(TemporalModel.responseRatio(skewed.subList(0, 10))).containsOnly(1.0);
        assertThat(TemporalModel.Tuning.GRID).contains(TemporalModel.Tuning.NONE, TemporalModel.Tuning.DEFAULT);
    }

    @Test
    void aSmallerPriorScaleTrustsThePersonMore() {
        ProfileAccumulator acc = new ProfileAccumulator("c-y", AS_OF, ProfileSettings.HALF_LIFE);
        acc.add(EventTypes.EMAIL_OPENED, Instant.parse("2026-02-25T02:10:00Z")); // one read at 03:10 on a Wednesday
        acc.add(EventTypes.PORTAL_ACCESSED, Instant.parse("2026-02-18T02:40:00Z")); // and one a week earlier
        TemporalProfile sparse = acc.finish();
        int h = HourOfWeek.of(DayOfWeek.WEDNESDAY, 3);
        double fitted = model.tuned(new TemporalModel.Tuning(0, 0, false, 1))
                .predict(sparse)
                .reads()[h];
        double personal = model.tuned(new TemporalModel.Tuning(0, 0, false, 0.0625))
                .predict(sparse)
                .reads()[h];
        assertThat(personal).isGreaterThan(fitted);
        assertThat(personal).isLessThan(1);
        assertThatThrownBy(() -> new TemporalModel.Tuning(0, 0, true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priorScale");
    }

    @Test
    void withoutSendOutcomesTheSendScoreIsTheReadsLookingAhead() {
        TemporalProfile mailed = profiles.stream()
                .filter(p -> p.sends() > 3 && p.responses() > 0)
                .findFirst()
                .orElseThrow();
        TemporalModel plain = model.tuned(new TemporalModel.Tuning(0, 0, false, 1));
        CustomerPrediction p = plain.predict(mailed);
        double[] kernel = new double[TemporalProfile.DELAY_HOURS];
        for (int d = 0; d < kernel.length; d++) kernel[d] = Math.exp(-d / model.sinkHours());
        assertThat(p.sendScore()).containsExactly(TemporalModel.convolve(p.reads(), kernel));
        assertThat(model.outcomeStrength()).isPositive();
        assertThat(model.tuned(new TemporalModel.Tuning(0, 0, true, 1))
                        .predict(mailed)
                        .sendScore())
                .isNotEqualTo(p.sendScore());
    }

    private static int argmaxIn(double[] score, int fromHour, int toHour) {
        int best = -1;
        for (int h = 0; h < HourOfWeek.COUNT; h++) {
            int hour = HourOfWeek.hour(h);
            if (hour < fromHour || hour > toHour) continue;
            if (best < 0 || score[h] > score[best]) best = h;
        }
        return best;
    }
}
