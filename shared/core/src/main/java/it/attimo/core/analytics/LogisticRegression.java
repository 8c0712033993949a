package it.attimo.core.analytics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares, each step
 * solved with commons-math3's Cholesky decomposition). Features are standardised with the training means and standard
 * deviations; the intercept is not penalised.
 */
public final class LogisticRegression {
    private static final int MAX_ITERATIONS = 50;
    private final double[] means;
    private final double[] sds;
    /** [intercept, w1..wd] on standardised features */
    private final double[] weights;

    private LogisticRegression(double[] means, double[] sds, double[] weights) {
        this.means = means;
        this.sds = sds;
        this.weights = weights;
    }

    public static LogisticRegression fit(double[][] x, int[] y, double lambda) {
        int n = x.length;
        if (n == 0) throw new IllegalArgumentException("no training rows");
        int d = x[0].length;
        double[] means = new double[d];
        double[] sds = new double[d];
        for (double[] row : x) for (int j = 0; j < d; j++) means[j] += row[j] / n;
        for (double[] row : x) for (int j = 0; j < d; j++) sds[j] += (row[j] - means[j]) * (row[j] - means[j]) / n;
        for (int j = 0; j < d; j++) sds[j] = sds[j] > 0 ? Math.sqrt(sds[j]) : 1;
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            z[i][0] = 1;
            for (int j = 0; j < d; j++) z[i][j + 1] = (x[i][j] - means[j]) / sds[j];
        }
        double[] w = new double[d + 1];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[][] hessian = new double[d + 1][d + 1];
            double[] gradient = new double[d + 1];
            for (int i = 0; i < n; i++) {
                double p = sigmoid(dot(w, z[i]));
                double weight = Math.max(p * (1 - p), 1e-10);
                double residual = y[i] - p;
                for (int a = 0; a <= d; a++) {
                    gradient[a] += residual * z[i][a];
                    double za = z[i][a] * weight;
                    for (int b = 0; b <= a; b++) hessian[a][b] += za * z[i][b];
                }
            }
            for (int a = 0; a <= d; a++) {
                for (int b = 0; b < a; b++) hessian[b][a] = hessian[a][b];
                if (a > 0) {
                    hessian[a][a] += lambda;
                    gradient[a] -= lambda * w[a];
                }
            }
            hessian[0][0] += 1e-9;
            RealMatrix h = new Array2DRowRealMatrix(hessian, false);
            RealVector step =
                    new CholeskyDecomposition(h, 1e-12, 1e-14).getSolver().solve(new ArrayRealVector(gradient, false));
            double largest = 0;
            for (int a = 0; a <= d; a++) {
                w[a] += step.getEntry(a);
                largest = Math.max(largest, Math.abs(step.getEntry(a)));
            }
            if (largest < 1e-8) break;
        }
        return new LogisticRegression(means, sds, w);
    }

    public double probability(double[] features) {
        double s = weights[0];
        for (int j = 0; j < means.length; j++) s += weights[j + 1] * (features[j] - means[j]) / sds[j];
        return sigmoid(s);
    }

    /** The coefficients on standardised features (index 0 = intercept), for reporting. */
    public double[] coefficients() {
        return weights.clone();
    }

    static double sigmoid(double s) {
        return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    }

    private static double dot(double[] w, double[] z) {
        double s = 0;
        for (int i = 0; i < w.length; i++) s += w[i] * z[i];
        return s;
    }
}
