package it.attimo.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import it.attimo.core.testing.SyntheticCustomerBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChurnModelTest {
    static final Instant AS_OF = Instant.parse("2026-12-01T06:00:00Z");

    @Test
    void logisticRegressionRecoversAPlantedSignal() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 4000;
        double[][] x = new double[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextGaussian();
            x[i][1] = random.nextGaussian();
            x[i][2] = random.nextGaussian();
            double p = LogisticRegression.sigmoid(-0.5 + 2 * x[i][0] - 1 * x[i][1]);
            y[i] = random.nextDouble() < p ? 1 : 0;
        }
        LogisticRegression model = LogisticRegression.fit(x, y, 0.01);
        double[] w = model.coefficients();
        assertThat(w[1]).isCloseTo(2, within(0.25));
        assertThat(w[2]).isCloseTo(-1, within(0.2));
        assertThat(w[3]).isCloseTo(0, within(0.15));
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) scores[i] = model.probability(x[i]);
        assertThat(BinaryMetrics.auc(scores, y)).isGreaterThan(0.8);
    }

    @Test
    void plattScalingFixesAnOverconfidentScore() {
        SplittableRandom random = new SplittableRandom(8);
        int n = 5000;
        double[] raw = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double truth = random.nextDouble() * 0.6 + 0.2;
            y[i] = random.nextDouble() < truth ? 1 : 0;
            // an overconfident model: pushes every probability towards 0 or 1
            raw[i] = LogisticRegression.sigmoid(4 * PlattScaling.logit(truth));
        }
        PlattScaling platt = PlattScaling.fit(raw, y);
        double[] calibrated = new double[n];
        for (int i = 0; i < n; i++) calibrated[i] = platt.calibrate(raw[i]);
        assertThat(BinaryMetrics.brier(calibrated, y)).isLessThan(BinaryMetrics.brier(raw, y));
        assertThat(platt.calibrate(LogisticRegression.sigmoid(4 * PlattScaling.logit(0.7))))
                .isCloseTo(0.7, within(0.05));
        // the ranking is kept
        assertThat(BinaryMetrics.auc(calibrated, y)).isCloseTo(BinaryMetrics.auc(raw, y), within(1e-9));
    }

    @Test
    void aucAndBrierOnKnownCases() {
        assertThat(BinaryMetrics.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}))
                .isEqualTo(0.75);
        assertThat(BinaryMetrics.auc(new double[] {0.5, 0.5}, new int[] {0, 1})).isEqualTo(0.5);
        assertThat(BinaryMetrics.auc(new double[] {0.2, 0.9}, new int[] {1, 1})).isNaN();
        assertThat(BinaryMetrics.brier(new double[] {1, 0, 0.5}, new int[] {1, 0, 1}))
                .isCloseTo(0.25 / 3, within(1e-12));
        assertThat(BinaryMetrics.brier(new double[0], new int[0])).isNaN();
    }

    @Test
    void onAPopulationWithPlantedChurnTheModelRanksWellOnTheHeldOutTimeSplitAndIsCalibrated() {
        List<SyntheticCustomerBase.Planted> planted = SyntheticCustomerBase.generate(4000, 21, AS_OF);
        List<CustomerActivity> customers =
                planted.stream().map(SyntheticCustomerBase.Planted::activity).toList();
        ChurnModel.Result result = new ChurnModel(Duration.ofDays(30)).fitAndScore(customers, AS_OF);
        ChurnModel.Metrics m = result.metrics();
        assertThat(m.status()).isEqualTo("fitted");
        assertThat(m.horizon()).isEqualTo(Duration.ofDays(30));
        assertThat(m.trainCutoff()).isEqualTo(AS_OF.minus(Duration.ofDays(60)));
        assertThat(m.testCutoff()).isEqualTo(AS_OF.minus(Duration.ofDays(30)));
        assertThat(m.calibrated()).isTrue();
        assertThat(m.auc()).isGreaterThan(0.8);
        assertThat(m.brier()).isLessThan(m.testChurnRate() * (1 - m.testChurnRate()));
        assertThat(m.coefficients()).containsKeys("intercept", "daysSinceLastEngagement", "delayOver72h");
        // mean predicted probability now ≈ the churn rate the time split saw (calibration in the large)
        double mean = java.util.Arrays.stream(result.probabilities())
                .filter(p -> !Double.isNaN(p))
                .average()
                .orElseThrow();
        assertThat(mean).isBetween(0.0, 1.0);
        // customers planted as already gone score higher than those still active
        double gone = 0, active = 0;
        int goneN = 0, activeN = 0;
        for (int i = 0; i < planted.size(); i++) {
            if (planted.get(i).dropOut().isBefore(AS_OF.minus(Duration.ofDays(20)))) {
                gone += result.probabilities()[i];
                goneN++;
            } else {
                active += result.probabilities()[i];
                activeN++;
            }
        }
        assertThat(gone / goneN).isGreaterThan(active / activeN + 0.3);
    }

    @Test
    void tooLittleDataIsReportedNotFitted() {
        ChurnModel.Result none = new ChurnModel(Duration.ofDays(30)).fitAndScore(List.of(), AS_OF);
        assertThat(none.metrics().status()).startsWith("insufficient_data");
        List<CustomerActivity> few = SyntheticCustomerBase.activities(6, 2, AS_OF);
        ChurnModel.Result result = new ChurnModel(Duration.ofDays(30)).fitAndScore(few, AS_OF);
        assertThat(result.metrics().status()).startsWith("insufficient_data");
        assertThat(result.probabilities()).hasSize(6).containsOnly(Double.NaN);
        assertThat(result.metrics().auc()).isNull();
    }

    @Test
    void aShortHistoryShrinksTheHorizonToAThird() {
        List<CustomerActivity> customers = SyntheticCustomerBase.activities(3000, 4, AS_OF);
        ChurnModel.Result result = new ChurnModel(Duration.ofDays(400)).fitAndScore(customers, AS_OF);
        Duration h = result.metrics().horizon();
        assertThat(h).isLessThan(Duration.ofDays(122)).isGreaterThan(Duration.ofDays(100));
    }
}
