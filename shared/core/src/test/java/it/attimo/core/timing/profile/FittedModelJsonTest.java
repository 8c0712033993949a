package it.attimo.core.timing.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.synthetic.SyntheticPopulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FittedModelJsonTest {
    private static final Instant AS_OF = SyntheticPopulation.endOfWeek(8);
    private static List<TemporalProfile> profiles;
    private static FittedModel fitted;

    @BeforeAll
    static void fit() {
        SyntheticPopulation population = SyntheticPopulation.generate(800, 5);
        profiles = new ArrayList<>();
        for (SyntheticPopulation.Customer c : population.customers()) {
            ProfileAccumulator acc = new ProfileAccumulator(c.id(), AS_OF, ProfileSettings.HALF_LIFE);
            for (SyntheticPopulation.Event e : population.history(c, 8)) acc.add(e.type(), e.time());
            profiles.add(acc.finish());
        }
        fitted = new FittedModel(
                AS_OF, profiles.size(), 12345L, TemporalModel.fit(profiles, TemporalModel.Settings.defaults()));
    }

    @Test
    void aRestoredModelPredictsExactlyAsTheFittedOne() {
        FittedModel restored = FittedModelJson.read(FittedModelJson.write(fitted));

        assertThat(restored.fittedAt()).isEqualTo(AS_OF);
        assertThat(restored.customers()).isEqualTo(800);
        assertThat(restored.events()).isEqualTo(12345L);
        TemporalModel a = fitted.model(), b = restored.model();
        assertThat(b.clusters())
                .extracting(TemporalModel.Cluster::name)
                .containsExactlyElementsOf(
                        a.clusters().stream().map(TemporalModel.Cluster::name).toList());
        assertThat(b.alpha()).isEqualTo(a.alpha());
        assertThat(b.sinkHours()).isEqualTo(a.sinkHours());
        assertThat(b.outcomeStrength()).isEqualTo(a.outcomeStrength()).isPositive();
        for (TemporalProfile p : profiles.subList(0, 50)) {
            CustomerPrediction x = a.predict(p), y = b.predict(p);
            assertThat(y.cluster()).isEqualTo(x.cluster());
            assertThat(y.sendScore()).containsExactly(x.sendScore());
        }
        CustomerPrediction unknown = b.predict(TemporalProfile.empty("new"));
        assertThat(unknown.sendScore())
                .containsExactly(a.predict(TemporalProfile.empty("new")).sendScore());
    }

    @Test
    void theHalfLifeRoundTripsAndAModelStoredWithoutOneReadsAsTheDefault() {
        FittedModel chosen = new FittedModel(AS_OF, 800, 12345L, Duration.ofDays(168), fitted.model());
        String json = FittedModelJson.write(chosen);
        assertThat(json).contains("\"halfLife\":\"PT4032H\"");
        assertThat(FittedModelJson.read(json).halfLife()).isEqualTo(Duration.ofDays(168));

        String old = json.replace("\"halfLife\":\"PT4032H\",", "");
        assertThat(old).doesNotContain("halfLife");
        FittedModel restored = FittedModelJson.read(old);
        assertThat(restored.halfLife()).isEqualTo(ProfileSettings.HALF_LIFE).isEqualTo(Duration.ofDays(42));
        assertThat(restored.model().alpha()).isEqualTo(fitted.model().alpha());

        assertThatThrownBy(() -> FittedModelJson.read(json.replace("PT4032H", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("halfLife");
        assertThatThrownBy(() -> FittedModelJson.read(json.replace("PT4032H", "-PT1H")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("halfLife");
    }

    @Test
    void theEvidenceTuningRoundTripsAndAModelStoredWithoutItReadsAsUntuned() {
        TemporalModel tuned = fitted.model().tuned(new TemporalModel.Tuning(1, 0.3));
        String json = FittedModelJson.write(new FittedModel(AS_OF, 800, 12345L, Duration.ofDays(168), tuned));
        TemporalModel restored = FittedModelJson.read(json).model();
        assertThat(restored.tuning()).isEqualTo(new TemporalModel.Tuning(1, 0.3));
        for (TemporalProfile p : profiles.subList(0, 50))
            assertThat(restored.predict(p).sendScore())
                    .containsExactly(tuned.predict(p).sendScore());

        TemporalModel.Tuning decided = new TemporalModel.Tuning(0.5, 10, false, 0.0625);
        TemporalModel personal = fitted.model().tuned(decided);
        String json2 = FittedModelJson.write(new FittedModel(AS_OF, 800, 12345L, Duration.ofDays(168), personal));
        assertThat(json2).contains("\"sendOutcomes\":false", "\"priorScale\":0.0625");
        TemporalModel restored2 = FittedModelJson.read(json2).model();
        assertThat(restored2.tuning()).isEqualTo(decided);
        for (TemporalProfile p : profiles.subList(0, 50))
            assertThat(restored2.predict(p).sendScore())
                    .containsExactly(personal.predict(p).sendScore());
        // stored before sendOutcomes and priorScale: outcomes used, α as fitted
        assertThat(FittedModelJson.read(json.replaceAll(",\"sendOutcomes\":true,\"priorScale\":1.0", ""))
                        .model()
                        .tuning())
                .isEqualTo(new TemporalModel.Tuning(1, 0.3, true, 1));
        assertThatThrownBy(() -> FittedModelJson.read(json2.replace("\"priorScale\":0.0625", "\"priorScale\":-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priorScale");

        String old = FittedModelJson.write(new FittedModel(AS_OF, 800, 12345L, Duration.ofDays(168), fitted.model()))
                .replaceAll(",\"changeOdds\":[^,]*,\"tuning\":\\{[^}]*\\},\"responseCorrection\":\\[[^\\]]*\\]", "");
        assertThat(old).doesNotContain("tuning").doesNotContain("responseCorrection");
        TemporalModel untuned = FittedModelJson.read(old).model();
        assertThat(untuned.tuning()).isEqualTo(TemporalModel.Tuning.NONE);
        for (TemporalProfile p : profiles.subList(0, 20))
            assertThat(untuned.predict(p).sendScore())
                    .containsExactly(fitted.model().predict(p).sendScore());
    }

    @Test
    void theJsonIsCompactAndHoldsNoCustomerIds() {
        String json = FittedModelJson.write(fitted);
        assertThat(json).doesNotContain("\n", ": ", ", ");
        assertThat(json.length()).isLessThan(100_000);
        assertThat(json).doesNotContain(profiles.get(0).customerId());
        assertThat(json).startsWith("{\"format\":1,");
    }

    @Test
    void aSingleClusterModelWithoutSilhouetteRoundTrips() {
        TemporalModel single =
                TemporalModel.fit(List.of(TemporalProfile.empty("a")), TemporalModel.Settings.defaults());
        assertThat(single.silhouette()).isNaN();
        String json = FittedModelJson.write(new FittedModel(AS_OF, 1, 0, single));
        assertThat(json).contains("\"silhouette\":null");
        TemporalModel restored = FittedModelJson.read(json).model();
        assertThat(restored.silhouette()).isNaN();
        assertThat(restored.clusters()).hasSize(1);
        assertThat(restored.population()).hasSize(HourOfWeek.COUNT);
    }

    @Test
    void unknownFormatsAndDamagedTextAreRefused() {
        String json = FittedModelJson.write(fitted);
        assertThatThrownBy(() -> FittedModelJson.read(json.replace("\"format\":1", "\"format\":2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format");
        assertThatThrownBy(() -> FittedModelJson.read(json.substring(0, 200)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FittedModelJson.read("{\"format\":1,\"fittedAt\":\"2026-01-01T00:00:00Z\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("population");
    }
}
