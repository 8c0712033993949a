package it.attimo.core.analytics;

import java.util.Arrays;
import java.util.List;

/**
 * Recency, frequency and monetary quintiles (1 = worst, 5 = best) over a population, and the named {@link RfmSegment}.
 * A value's quintile is {@code 1 + floor(5 × midrank / n)}, midrank = (values worse + half the equal ones): distinct
 * values split 20/20/20/20/20, and ties share one score (half the customers with a single order do not land in two
 * different quintiles).
 */
public final class RfmScorer {
    /** One customer (or b2b account): days since the last order, orders, value. */
    public record Input(String id, double recencyDays, int frequency, double monetary) {}

    public record Score(Input input, int r, int f, int m, RfmSegment segment) {
        public String code() {
            return "" + r + f + m;
        }
    }

    private RfmScorer() {}

    public static List<Score> score(List<Input> inputs) {
        int n = inputs.size();
        double[] recency = new double[n];
        double[] frequency = new double[n];
        double[] monetary = new double[n];
        for (int i = 0; i < n; i++) {
            // a lower recency is better: negate it so that every axis is "higher is better"
            recency[i] = -inputs.get(i).recencyDays();
            frequency[i] = inputs.get(i).frequency();
            monetary[i] = inputs.get(i).monetary();
        }
        Quintiles r = new Quintiles(recency);
        Quintiles f = new Quintiles(frequency);
        Quintiles m = new Quintiles(monetary);
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> {
                    int rs = r.of(recency[i]);
                    int fs = f.of(frequency[i]);
                    int ms = m.of(monetary[i]);
                    return new Score(inputs.get(i), rs, fs, ms, RfmSegment.of(rs, fs, ms));
                })
                .toList();
    }

    static final class Quintiles {
        private final double[] sorted;

        Quintiles(double[] values) {
            sorted = values.clone();
            Arrays.sort(sorted);
        }

        int of(double v) {
            int below = lowerBound(v);
            int equal = lowerBound(Math.nextUp(v)) - below;
            double midrank = below + equal / 2.0;
            int q = 1 + (int) Math.floor(5 * midrank / sorted.length);
            return Math.max(1, Math.min(5, q));
        }

        private int lowerBound(double v) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < v) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }
}
