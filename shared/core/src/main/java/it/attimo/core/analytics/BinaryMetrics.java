package it.attimo.core.analytics;

import java.util.Arrays;
import java.util.Comparator;

/** Scores of probabilistic predictions of a yes/no outcome. */
public final class BinaryMetrics {
    private BinaryMetrics() {}

    /**
     * Area under the ROC curve: the probability that a random positive is scored above a random negative (ties count
     * half), by the Mann-Whitney rank sum; NaN when one class is absent.
     */
    public static double auc(double[] scores, int[] y) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) ranks[order[t]] = rank;
            i = j + 1;
        }
        long positives = 0;
        double rankSum = 0;
        for (int t = 0; t < n; t++) {
            if (y[t] == 1) {
                positives++;
                rankSum += ranks[t];
            }
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return Double.NaN;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Mean squared difference between the predicted probability and the outcome (0 perfect, 0.25 a coin). */
    public static double brier(double[] probabilities, int[] y) {
        if (probabilities.length == 0) return Double.NaN;
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = probabilities[i] - y[i];
            sum += d * d;
        }
        return sum / probabilities.length;
    }
}
