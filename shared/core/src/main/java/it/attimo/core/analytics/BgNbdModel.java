package it.attimo.core.analytics;

import org.apache.commons.math3.special.Gamma;

/**
 * A fitted BG/NBD model (Fader, Hardie and Lee 2005, "Counting Your Customers the Easy Way"): the likelihood of a
 * customer's history (section 7 of the paper), the probability that the customer is still alive (Hardie's note 021),
 * and the expected number of repeat purchases in the next {@code t} periods, unconditional (equation 9) and given the
 * history (equation 10). Both expectations use Euler's transformation
 * {@code (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z) = (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z)}, whose series has small
 * parameters and never overflows, however many purchases the customer made.
 */
public final class BgNbdModel {
    private final BgNbdParameters p;

    public BgNbdModel(BgNbdParameters parameters) {
        this.p = parameters;
    }

    public BgNbdParameters parameters() {
        return p;
    }

    /** The log-likelihood of one customer's (x, t_x, T). */
    public double logLikelihood(CustomerSummary c) {
        int x = c.frequency();
        double a1 = Gamma.logGamma(p.r() + x) - Gamma.logGamma(p.r()) + p.r() * Math.log(p.alpha());
        double a2 = Gamma.logGamma(p.a() + p.b())
                + Gamma.logGamma(p.b() + x)
                - Gamma.logGamma(p.b())
                - Gamma.logGamma(p.a() + p.b() + x);
        double a3 = -(p.r() + x) * Math.log(p.alpha() + c.age());
        if (x == 0) return a1 + a2 + a3;
        double a4 = Math.log(p.a()) - Math.log(p.b() + x - 1) - (p.r() + x) * Math.log(p.alpha() + c.recency());
        return a1 + a2 + logSumExp(a3, a4);
    }

    /** The sum of {@link #logLikelihood} over customers. */
    public double logLikelihood(Iterable<CustomerSummary> customers) {
        double sum = 0;
        for (CustomerSummary c : customers) sum += logLikelihood(c);
        return sum;
    }

    /** P(alive | x, t_x, T): 1 for a customer with no repeat purchase (they cannot have dropped out yet). */
    public double probabilityAlive(CustomerSummary c) {
        int x = c.frequency();
        if (x == 0) return 1.0;
        double logOdds = Math.log(p.a() / (p.b() + x - 1))
                + (p.r() + x) * Math.log((p.alpha() + c.age()) / (p.alpha() + c.recency()));
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    /** E[Y(t) | x, t_x, T]: expected repeat purchases in the next {@code t} periods of this customer (equation 10). */
    public double expectedPurchases(CustomerSummary c, double t) {
        requirePeriods(t);
        if (t == 0) return 0;
        int x = c.frequency();
        double a = aAwayFromOne();
        double z = t / (p.alpha() + c.age() + t);
        double discounted =
                Math.pow(1 - z, a - 1) * Hypergeometric.hyp2f1(a + p.b() - 1 - p.r(), a - 1, a + p.b() + x - 1, z);
        double numerator = (a + p.b() + x - 1) / (a - 1) * (1 - discounted);
        double denominator = 1;
        if (x > 0) {
            denominator += a
                    / (p.b() + x - 1)
                    * Math.exp((p.r() + x) * Math.log((p.alpha() + c.age()) / (p.alpha() + c.recency())));
        }
        return numerator / denominator;
    }

    /** E[X(t)]: expected repeat purchases in {@code t} periods of a customer picked at random (equation 9). */
    public double expectedPurchases(double t) {
        requirePeriods(t);
        if (t == 0) return 0;
        double a = aAwayFromOne();
        double z = t / (p.alpha() + t);
        double discounted =
                Math.pow(1 - z, a - 1) * Hypergeometric.hyp2f1(a + p.b() - 1 - p.r(), a - 1, a + p.b() - 1, z);
        return (a + p.b() - 1) / (a - 1) * (1 - discounted);
    }

    /** The formulas divide by a - 1; at exactly 1 the limit is taken numerically. */
    private double aAwayFromOne() {
        return Math.abs(p.a() - 1) < 1e-9 ? 1 + 1e-9 : p.a();
    }

    private static void requirePeriods(double t) {
        if (!(t >= 0) || !Double.isFinite(t))
            throw new IllegalArgumentException("t (future periods) must be a finite number >= 0, got " + t);
    }

    static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        return max + Math.log(Math.exp(u - max) + Math.exp(v - max));
    }
}
