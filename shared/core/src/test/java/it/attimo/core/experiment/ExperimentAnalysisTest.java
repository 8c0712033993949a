package it.attimo.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import it.attimo.core.journey.JourneyCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentAnalysisTest {
    static final Instant SENT = Instant.parse("2026-06-10T10:00:00Z");
    static final Instant MATURE = SENT.plus(Duration.ofHours(72));

    final Experiment seed = ExperimentFixtures.tutorialTiming(100).all().get(0);

    static List<Exposure> arm(String arm, int n, int converted, Instant sentAt) {
        List<Exposure> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Exposure(arm + "-" + i + "-" + sentAt, arm, sentAt, i < converted));
        return out;
    }

    static List<Exposure> both(int n12, int c12, int n24, int c24) {
        List<Exposure> out = new ArrayList<>(arm("tutorial-12h", n12, c12, SENT));
        out.addAll(arm("tutorial-24h", n24, c24, SENT));
        return out;
    }

    @Test
    void countsRatesLiftAndPValue() {
        ExperimentResult r = ExperimentAnalysis.analyse(seed, both(1000, 100, 1000, 130), MATURE);
        assertThat(r.arms())
                .extracting(
                        ExperimentResult.ArmResult::name,
                        ExperimentResult.ArmResult::assigned,
                        ExperimentResult.ArmResult::converted,
                        ExperimentResult.ArmResult::rate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tutorial-12h", 1000L, 100L, 0.10),
                        org.assertj.core.groups.Tuple.tuple("tutorial-24h", 1000L, 130L, 0.13));
        assertThat(r.lift()).isCloseTo(0.30, within(1e-9));
        assertThat(r.pValue()).isCloseTo(0.035488, within(1e-5));
        assertThat(r.reading().status()).isEqualTo(ExperimentDecision.WINNER_DECLARED);
        assertThat(r.reading().winner()).isEqualTo("tutorial-24h");
        assertThat(r.reading().decidedAt()).isEqualTo(MATURE);
    }

    @Test
    void theControlCanWinToo() {
        ExperimentResult r = ExperimentAnalysis.analyse(seed, both(1000, 130, 1000, 100), MATURE);
        assertThat(r.lift()).isCloseTo(100.0 / 130 - 1, within(1e-9));
        assertThat(r.reading().winner()).isEqualTo("tutorial-12h");
    }

    @Test
    void belowTheMinimumSampleItKeepsRunning() {
        ExperimentResult r = ExperimentAnalysis.analyse(seed, both(99, 5, 1000, 600), MATURE);
        assertThat(r.pValue()).isLessThan(1e-6);
        assertThat(r.reading()).as("one arm is under the minimum sample of 100").isNull();
    }

    @Test
    void atTheHorizonAWeakDifferenceIsNoDifference() {
        ExperimentResult r = ExperimentAnalysis.analyse(seed, both(100, 30, 100, 33), MATURE);
        assertThat(r.pValue()).isGreaterThan(0.05);
        assertThat(r.reading().status()).isEqualTo(ExperimentDecision.NO_DIFFERENCE);
        assertThat(r.reading().winner()).isNull();
        assertThat(r.reading().hasWinner()).isFalse();
    }

    @Test
    void onlyCustomersWhoseWindowClosedAreRead() {
        // 100 mature per arm that show nothing, plus 200 fresh 24 h exposures that already converted
        List<Exposure> exposures = new ArrayList<>(both(100, 30, 100, 30));
        exposures.addAll(arm("tutorial-24h", 200, 200, MATURE.minus(Duration.ofHours(1))));
        ExperimentResult r = ExperimentAnalysis.analyse(seed, exposures, MATURE);
        assertThat(r.arms().get(1).assigned()).isEqualTo(300);
        assertThat(r.pValue()).as("the display counts everyone").isLessThan(1e-6);
        assertThat(r.reading().status()).as("the reading only the mature").isEqualTo(ExperimentDecision.NO_DIFFERENCE);
        assertThat(r.reading().pValue()).isEqualTo(1.0);
    }

    @Test
    void nobodyExposedHasNoRateNoLiftNoPValue() {
        ExperimentResult r = ExperimentAnalysis.analyse(seed, List.of(), MATURE);
        assertThat(r.arms()).allSatisfy(a -> {
            assertThat(a.assigned()).isZero();
            assertThat(a.rate()).isNull();
        });
        assertThat(r.lift()).isNull();
        assertThat(r.pValue()).isNull();
        assertThat(r.reading()).isNull();
        ExperimentResult noControlConversions = ExperimentAnalysis.analyse(seed, both(10, 0, 10, 3), MATURE);
        assertThat(noControlConversions.lift()).as("no lift over a zero rate").isNull();
        assertThat(noControlConversions.pValue()).isNotNull();
    }

    @Test
    void withThreeArmsTheBestOtherArmIsComparedAtABonferroniThreshold() {
        Experiment three = ExperimentCatalogLoader.parse("x", """
                {"experiments": [{"id": "three", "journey": "post-purchase", "step": "tutorial",
                 "arms": [{"name": "c", "offset": "PT12H", "weight": 1}, {"name": "b", "offset": "PT18H", "weight": 1},
                          {"name": "a", "offset": "PT24H", "weight": 1}],
                 "metric": {"name": "m", "events": [{"type": "video.watched"}], "within": "P3D"},
                 "minimumSample": 100, "alpha": 0.05}]}""", JourneyCatalog.defaults())
                .all()
                .get(0);
        List<Exposure> exposures = new ArrayList<>(arm("c", 1000, 100, SENT));
        exposures.addAll(arm("b", 1000, 110, SENT));
        exposures.addAll(arm("a", 1000, 130, SENT));
        ExperimentResult r = ExperimentAnalysis.analyse(three, exposures, MATURE);
        assertThat(r.lift()).isCloseTo(0.30, within(1e-9));
        // p = 0.0355 passes 0.05 but not 0.05 / 2
        assertThat(r.pValue()).isCloseTo(0.035488, within(1e-5));
        assertThat(r.reading().status()).isEqualTo(ExperimentDecision.NO_DIFFERENCE);
    }
}
