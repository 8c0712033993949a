package it.attimo.core.timing.profile;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.synthetic.SyntheticPopulation;
import java.time.DayOfWeek;
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
