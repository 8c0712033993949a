package it.attimo.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TwoProportionTestTest {
    @Test
    void matchesTheValuesWorkedByHand() {
        // 13% of 1000 vs 10% of 1000: pooled 0.115, se = sqrt(0.115 * 0.885 * (2 / 1000)) = 0.014267,
        // z = 0.03 / 0.014267 = 2.1027, two-sided p = erfc(2.1027 / sqrt 2) = 0.03549
        assertThat(TwoProportionTest.z(130, 1000, 100, 1000)).isCloseTo(2.10274, within(1e-4));
        assertThat(TwoProportionTest.pValue(130, 1000, 100, 1000)).isCloseTo(0.035488, within(1e-5));
        // 45/100 vs 30/100: z = 0.15 / sqrt(0.375 * 0.625 * 0.02) = 2.19089, p = 0.028460
        assertThat(TwoProportionTest.pValue(45, 100, 30, 100)).isCloseTo(0.028460, within(1e-5));
    }

    @Test
    void isSymmetricAndTwoSided() {
        assertThat(TwoProportionTest.z(100, 1000, 130, 1000)).isCloseTo(-2.10274, within(1e-4));
        assertThat(TwoProportionTest.pValue(100, 1000, 130, 1000))
                .isEqualTo(TwoProportionTest.pValue(130, 1000, 100, 1000));
    }

    @Test
    void theCriticalValueGivesFivePercent() {
        // equal proportions give z = 0 and p = 1; a z of 1.96 is p = 0.05
        assertThat(TwoProportionTest.pValue(50, 100, 50, 100)).isEqualTo(1.0);
        assertThat(2 * new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(-1.959964))
                .isCloseTo(0.05, within(1e-6));
    }

    @Test
    void allOrNothingInBothSamplesIsNoDifference() {
        assertThat(TwoProportionTest.z(10, 10, 5, 5)).isZero();
        assertThat(TwoProportionTest.pValue(0, 10, 0, 20)).isEqualTo(1.0);
    }

    @Test
    void aFarTailKeepsItsPrecision() {
        assertThat(TwoProportionTest.pValue(900, 1000, 100, 1000))
                .isGreaterThan(0)
                .isLessThan(1e-100);
    }

    @Test
    void refusesImpossibleCounts() {
        assertThatThrownBy(() -> TwoProportionTest.pValue(1, 0, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TwoProportionTest.pValue(3, 2, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TwoProportionTest.pValue(-1, 2, 1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
