package it.attimo.core.timing.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import it.attimo.core.timing.HourOfWeek;
import org.junit.jupiter.api.Test;

class CustomerPredictionTest {
    private static final double SINK = 6;
    private static final int TUESDAY_13 = 24 + 13;

    @Test
    void someoneAroundLaterIsBestMailedAtTheEndOfTheHour() {
        double[] reads = new double[HourOfWeek.COUNT];
        reads[TUESDAY_13 + 6] = 1; // around at 19:00 only
        CustomerPrediction p = prediction(reads);
        assertThat(p.probability(TUESDAY_13, 0)).isEqualTo(p.sendScore()[TUESDAY_13]);
        assertThat(p.probability(TUESDAY_13, 45)).isGreaterThan(p.probability(TUESDAY_13, 30));
        // every later read comes 45 minutes sooner
        assertThat(p.probability(TUESDAY_13, 45))
                .isCloseTo(p.sendScore()[TUESDAY_13] * Math.exp(0.75 / SINK), within(1e-12));
    }

    @Test
    void someoneAroundInTheHourIsBestMailedAtItsStart() {
        double[] reads = new double[HourOfWeek.COUNT];
        reads[TUESDAY_13] = 1; // around at 13:xx only
        CustomerPrediction p = prediction(reads);
        assertThat(p.probability(TUESDAY_13, 0)).isGreaterThan(p.probability(TUESDAY_13, 15));
        // a send at 13:30 meets half the hour's reads; the next week's are too far to count
        assertThat(p.probability(TUESDAY_13, 30)).isCloseTo(0.5 * p.sendScore()[TUESDAY_13], within(1e-12));
    }

    @Test
    void aCalibratedScoreKeepsItsScaleAndAPredictionWithoutASinkStaysHourly() {
        double[] reads = new double[HourOfWeek.COUNT];
        reads[TUESDAY_13 + 2] = 1;
        double[] plain = TemporalModel.convolve(reads, kernel());
        double[] calibrated = plain.clone();
        for (int h = 0; h < calibrated.length; h++) calibrated[h] *= 0.3;
        CustomerPrediction p = new CustomerPrediction("c-1", calibrated, reads, "sera", 4, SINK);
        CustomerPrediction q = new CustomerPrediction("c-1", plain, reads, "sera", 4, SINK);
        assertThat(p.probability(TUESDAY_13, 30)).isCloseTo(0.3 * q.probability(TUESDAY_13, 30), within(1e-12));
        CustomerPrediction hourly = new CustomerPrediction("c-1", calibrated, reads, "sera", 4);
        assertThat(hourly.probability(TUESDAY_13, 30)).isEqualTo(calibrated[TUESDAY_13]);
        assertThat(prediction(new double[HourOfWeek.COUNT]).probability(TUESDAY_13, 30))
                .isZero();
    }

    private static CustomerPrediction prediction(double[] reads) {
        return new CustomerPrediction("c-1", TemporalModel.convolve(reads, kernel()), reads, "sera", 4, SINK);
    }

    private static double[] kernel() {
        double[] k = new double[TemporalProfile.DELAY_HOURS];
        for (int d = 0; d < k.length; d++) k[d] = Math.exp(-d / SINK);
        return k;
    }
}
