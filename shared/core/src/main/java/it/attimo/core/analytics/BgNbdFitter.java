package it.attimo.core.analytics;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.special.Gamma;

/**
 * Maximum-likelihood fit of BG/NBD: Nelder-Mead (commons-math3 {@link SimplexOptimizer}) on the logarithms of
 * (r, alpha, a, b), restarted from its own optimum until a restart no longer improves the likelihood (the usual cure
 * for a simplex that collapsed early). Times are first scaled so that the oldest customer's T is 1, as lifetimes does,
 * and alpha is scaled back. The terms that depend only on the frequency are computed once per distinct frequency, so
 * an evaluation costs two logarithms per customer.
 */
public final class BgNbdFitter {
    /** What a fit found: the parameters, the total log-likelihood at them, the customers and the evaluations used. */
    public record Fit(BgNbdParameters parameters, double logLikelihood, int customers, int evaluations) {
        public BgNbdModel model() {
            return new BgNbdModel(parameters);
        }
    }

    private static final double LOG_BOUND = 20;
    private static final int MAX_RESTARTS = 20;
    private static final int MAX_EVALUATIONS = 20_000;

    public Fit fit(Collection<CustomerSummary> customers) {
        if (customers.isEmpty()) throw new IllegalArgumentException("no customers to fit");
        double maxAge =
                customers.stream().mapToDouble(CustomerSummary::age).max().orElse(0);
        if (!(maxAge > 0)) throw new IllegalArgumentException("every customer has T = 0: there is no history to fit");
        double scale = 1 / maxAge;
        Data data = new Data(customers, scale);

        double[] start = {0, 0, 0, 0};
        double best = data.negativeLogLikelihood(start);
        int evaluations = 1;
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-13, 1e-13));
            PointValuePair found = optimizer.optimize(
                    new MaxEval(MAX_EVALUATIONS),
                    new ObjectiveFunction(data::negativeLogLikelihood),
                    GoalType.MINIMIZE,
                    new InitialGuess(start),
                    new NelderMeadSimplex(new double[] {0.5, 0.5, 0.5, 0.5}));
            evaluations += optimizer.getEvaluations();
            boolean improved = found.getValue() < best - 1e-9 * Math.max(1, Math.abs(best));
            if (found.getValue() < best) {
                best = found.getValue();
                start = found.getPoint();
            }
            if (!improved && restart > 0) break;
        }
        BgNbdParameters scaled =
                new BgNbdParameters(Math.exp(start[0]), Math.exp(start[1]), Math.exp(start[2]), Math.exp(start[3]));
        BgNbdParameters parameters = new BgNbdParameters(scaled.r(), scaled.alpha() / scale, scaled.a(), scaled.b());
        double logLikelihood = new BgNbdModel(parameters).logLikelihood(customers);
        return new Fit(parameters, logLikelihood, customers.size(), evaluations);
    }

    /** The customers as arrays, times scaled, with the index of each one's frequency. */
    private static final class Data {
        final int[] frequencyIndex;
        final int[] distinctFrequencies;
        final int[] frequency;
        final double[] recency;
        final double[] age;

        Data(Collection<CustomerSummary> customers, double scale) {
            int n = customers.size();
            frequency = new int[n];
            recency = new double[n];
            age = new double[n];
            frequencyIndex = new int[n];
            Map<Integer, Integer> index = new HashMap<>();
            int i = 0;
            for (CustomerSummary c : customers) {
                frequency[i] = c.frequency();
                recency[i] = c.recency() * scale;
                age[i] = c.age() * scale;
                frequencyIndex[i] = index.computeIfAbsent(c.frequency(), k -> index.size());
                i++;
            }
            distinctFrequencies = new int[index.size()];
            index.forEach((x, at) -> distinctFrequencies[at] = x);
        }

        double negativeLogLikelihood(double[] logParams) {
            for (double v : logParams) {
                if (!(Math.abs(v) <= LOG_BOUND)) return Double.MAX_VALUE;
            }
            double r = Math.exp(logParams[0]);
            double alpha = Math.exp(logParams[1]);
            double a = Math.exp(logParams[2]);
            double b = Math.exp(logParams[3]);
            int k = distinctFrequencies.length;
            double[] constant = new double[k];
            double[] dropOut = new double[k];
            double lgR = Gamma.logGamma(r);
            double lgAB = Gamma.logGamma(a + b);
            double lgB = Gamma.logGamma(b);
            double rLogAlpha = r * Math.log(alpha);
            for (int j = 0; j < k; j++) {
                int x = distinctFrequencies[j];
                constant[j] = Gamma.logGamma(r + x)
                        - lgR
                        + rLogAlpha
                        + lgAB
                        + Gamma.logGamma(b + x)
                        - lgB
                        - Gamma.logGamma(a + b + x);
                dropOut[j] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0;
            }
            double sum = 0;
            for (int i = 0; i < frequency.length; i++) {
                int j = frequencyIndex[i];
                double rx = r + frequency[i];
                double a3 = -rx * Math.log(alpha + age[i]);
                double ll = frequency[i] == 0
                        ? a3
                        : BgNbdModel.logSumExp(a3, dropOut[j] - rx * Math.log(alpha + recency[i]));
                sum += constant[j] + ll;
            }
            double value = -sum / frequency.length;
            return Double.isFinite(value) ? value : Double.MAX_VALUE;
        }
    }
}
