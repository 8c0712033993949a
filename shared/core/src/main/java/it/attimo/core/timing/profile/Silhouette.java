package it.attimo.core.timing.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;

/** Mean silhouette coefficient of a clustering, on a seeded sample of points (Euclidean). */
final class Silhouette {
    private Silhouette() {}

    static double mean(List<CentroidCluster<DoublePoint>> clusters, int sampleSize, long seed) {
        List<double[]> points = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < clusters.size(); c++) {
            for (DoublePoint p : clusters.get(c).getPoints()) {
                points.add(p.getPoint());
                labels.add(c);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        List<Integer> sample = order.subList(0, Math.min(sampleSize, order.size()));
        int k = clusters.size();
        double sum = 0;
        int counted = 0;
        for (int i : sample) {
            double[] dist = new double[k];
            int[] count = new int[k];
            for (int j : sample) {
                if (i == j) continue;
                dist[labels.get(j)] += distance(points.get(i), points.get(j));
                count[labels.get(j)]++;
            }
            int own = labels.get(i);
            if (count[own] == 0) continue;
            double a = dist[own] / count[own];
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) if (c != own && count[c] > 0) b = Math.min(b, dist[c] / count[c]);
            if (b == Double.POSITIVE_INFINITY) continue;
            sum += (b - a) / Math.max(a, b);
            counted++;
        }
        return counted == 0 ? -1 : sum / counted;
    }

    private static double distance(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - y[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
