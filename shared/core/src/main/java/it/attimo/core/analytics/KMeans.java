package it.attimo.core.analytics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Lloyd's k-means with k-means++ seeding on plain arrays, deterministic for a given seed; the best of a few seedings
 * (lowest within-cluster sum of squares) is kept. An empty cluster is re-seeded with the point farthest from its
 * centre.
 */
final class KMeans {
    record Result(double[][] centroids, int[] assignment, double inertia) {
        int k() {
            return centroids.length;
        }
    }

    private static final int MAX_ITERATIONS = 100;
    private static final int REFINE_ITERATIONS = 30;
    private static final int SEEDINGS = 3;

    private KMeans() {}

    static Result fit(double[][] points, int k, long seed) {
        if (k < 1 || k > points.length)
            throw new IllegalArgumentException("k = " + k + " for " + points.length + " points");
        SplittableRandom random = new SplittableRandom(seed);
        Result best = null;
        for (int s = 0; s < SEEDINGS; s++) {
            Result r = lloyd(points, seedPlusPlus(points, k, random), MAX_ITERATIONS);
            if (best == null || r.inertia() < best.inertia()) best = r;
        }
        return best;
    }

    /** Lloyd's iterations on every point from centroids found on a sample (a copy; the argument is not changed). */
    static Result refine(double[][] points, double[][] centroids) {
        double[][] copy = new double[centroids.length][];
        for (int c = 0; c < centroids.length; c++) copy[c] = centroids[c].clone();
        return lloyd(points, copy, REFINE_ITERATIONS);
    }

    static int nearest(double[][] centroids, double[] point) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double d = squaredDistance(centroids[c], point);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    private static double[][] seedPlusPlus(double[][] points, int k, SplittableRandom random) {
        int n = points.length;
        double[][] centroids = new double[k][];
        centroids[0] = points[random.nextInt(n)].clone();
        double[] distance = new double[n];
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                distance[i] = Math.min(distance[i], squaredDistance(points[i], centroids[c - 1]));
                total += distance[i];
            }
            int chosen = random.nextInt(n);
            if (total > 0) {
                double target = random.nextDouble() * total;
                double running = 0;
                for (int i = 0; i < n; i++) {
                    running += distance[i];
                    if (running >= target) {
                        chosen = i;
                        break;
                    }
                }
            }
            centroids[c] = points[chosen].clone();
        }
        return centroids;
    }

    private static Result lloyd(double[][] points, double[][] centroids, int maxIterations) {
        int n = points.length;
        int k = centroids.length;
        int d = points[0].length;
        int[] assignment = new int[n];
        Arrays.fill(assignment, -1);
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int c = nearest(centroids, points[i]);
                if (c != assignment[i]) {
                    assignment[i] = c;
                    changed = true;
                }
            }
            if (!changed) break;
            double[][] sums = new double[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[assignment[i]]++;
                double[] s = sums[assignment[i]];
                for (int j = 0; j < d; j++) s[j] += points[i][j];
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    centroids[c] = farthest(points, centroids, assignment).clone();
                } else {
                    for (int j = 0; j < d; j++) centroids[c][j] = sums[c][j] / counts[c];
                }
            }
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) inertia += squaredDistance(points[i], centroids[assignment[i]]);
        return new Result(centroids, assignment, inertia);
    }

    private static double[] farthest(double[][] points, double[][] centroids, int[] assignment) {
        int far = 0;
        double farDistance = -1;
        for (int i = 0; i < points.length; i++) {
            double dist = squaredDistance(points[i], centroids[assignment[i]]);
            if (dist > farDistance) {
                farDistance = dist;
                far = i;
            }
        }
        return points[far];
    }

    /**
     * The mean silhouette (Rousseeuw 1987) of a clustering: for each point, (b - a) / max(a, b) with a its mean
     * distance to its own cluster and b the smallest mean distance to another; a point alone in its cluster scores 0.
     */
    static double silhouette(Distances distances, int[] assignment, int k) {
        int n = distances.size();
        int[] sizes = new int[k];
        for (int c : assignment) sizes[c]++;
        double total = 0;
        double[] sums = new double[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(sums, 0);
            for (int j = 0; j < n; j++) {
                if (i != j) sums[assignment[j]] += distances.between(i, j);
            }
            int own = assignment[i];
            if (sizes[own] <= 1) continue;
            double a = sums[own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
            }
            if (Double.isInfinite(b)) continue;
            double max = Math.max(a, b);
            total += max == 0 ? 0 : (b - a) / max;
        }
        return total / n;
    }

    /** The Euclidean distances between every two points, kept once per pair (n (n - 1) / 2 values). */
    static final class Distances {
        private final double[][] lower;

        Distances(double[][] points) {
            lower = new double[points.length][];
            for (int i = 0; i < points.length; i++) {
                lower[i] = new double[i];
                for (int j = 0; j < i; j++) lower[i][j] = Math.sqrt(squaredDistance(points[i], points[j]));
            }
        }

        int size() {
            return lower.length;
        }

        double between(int i, int j) {
            return i > j ? lower[i][j] : lower[j][i];
        }
    }
}
