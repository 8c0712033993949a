package it.attimo.core.experiment;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-sided two-proportion z-test with a pooled proportion: z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)),
 * p-value = 2 (1 - Phi(|z|)). Where both samples are all successes or all failures the proportions are equal and the
 * p-value is 1.
 */
public final class TwoProportionTest {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private TwoProportionTest() {}

    public static double z(long converted1, long n1, long converted2, long n2) {
        check(converted1, n1);
        check(converted2, n2);
        double p1 = (double) converted1 / n1;
        double p2 = (double) converted2 / n2;
        double pooled = (double) (converted1 + converted2) / (n1 + n2);
        double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
        return variance == 0 ? 0 : (p1 - p2) / Math.sqrt(variance);
    }

    public static double pValue(long converted1, long n1, long converted2, long n2) {
        double z = Math.abs(z(converted1, n1, converted2, n2));
        // 2 * upper tail, computed from the upper tail itself (1 - cdf loses precision far out)
        return Math.min(1.0, 2 * STANDARD_NORMAL.cumulativeProbability(-z));
    }

    private static void check(long converted, long n) {
        if (n <= 0) throw new IllegalArgumentException("a sample needs at least one customer");
        if (converted < 0 || converted > n)
            throw new IllegalArgumentException("converted must be between 0 and the sample size");
    }
}
