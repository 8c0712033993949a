package it.attimo.core.analytics;

/**
 * Platt's calibration: a one-feature logistic regression from a model's log-odds to the observed outcome, fitted on
 * rows the model did not train on, with Platt's smoothed targets ((positives + 1) / (positives + 2) and
 * 1 / (negatives + 2)) so that a small calibration set does not push probabilities to 0 or 1.
 */
public final class PlattScaling {
    private final double slope;
    private final double intercept;

    private PlattScaling(double slope, double intercept) {
        this.slope = slope;
        this.intercept = intercept;
    }

    public static PlattScaling fit(double[] scores, int[] y) {
        int positives = 0;
        for (int label : y) positives += label;
        int negatives = y.length - positives;
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (negatives + 2.0);
        double[] logits = new double[scores.length];
        for (int i = 0; i < scores.length; i++) logits[i] = logit(scores[i]);
        // Platt's start: slope 0, intercept at the prior log-odds; Newton steps, halved while they lower the likelihood
        double a = 0;
        double b = Math.log((positives + 1.0) / (negatives + 1.0));
        double current = logLikelihood(logits, y, hi, lo, a, b);
        for (int iteration = 0; iteration < 100; iteration++) {
            double gA = 0, gB = 0, hAA = 1e-9, hAB = 0, hBB = 1e-9;
            for (int i = 0; i < logits.length; i++) {
                double target = y[i] == 1 ? hi : lo;
                double p = LogisticRegression.sigmoid(a * logits[i] + b);
                double r = target - p;
                double w = Math.max(p * (1 - p), 1e-12);
                gA += r * logits[i];
                gB += r;
                hAA += w * logits[i] * logits[i];
                hAB += w * logits[i];
                hBB += w;
            }
            double det = hAA * hBB - hAB * hAB;
            if (Math.abs(det) < 1e-18) break;
            double dA = (hBB * gA - hAB * gB) / det;
            double dB = (hAA * gB - hAB * gA) / det;
            double step = 1;
            double next = logLikelihood(logits, y, hi, lo, a + dA, b + dB);
            while (next < current && step > 1e-6) {
                step /= 2;
                next = logLikelihood(logits, y, hi, lo, a + step * dA, b + step * dB);
            }
            if (next < current) break;
            a += step * dA;
            b += step * dB;
            boolean converged = next - current < 1e-12 * Math.max(1, Math.abs(current));
            current = next;
            if (converged) break;
        }
        return new PlattScaling(a, b);
    }

    private static double logLikelihood(double[] logits, int[] y, double hi, double lo, double a, double b) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            double target = y[i] == 1 ? hi : lo;
            double p = Math.min(Math.max(LogisticRegression.sigmoid(a * logits[i] + b), 1e-15), 1 - 1e-15);
            sum += target * Math.log(p) + (1 - target) * Math.log(1 - p);
        }
        return sum;
    }

    public double calibrate(double score) {
        return LogisticRegression.sigmoid(slope * logit(score) + intercept);
    }

    static double logit(double p) {
        double q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
        return Math.log(q / (1 - q));
    }
}
