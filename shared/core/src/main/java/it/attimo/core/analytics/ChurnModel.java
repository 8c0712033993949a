package it.attimo.core.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A churn model beside seed 001's rule: "churned" means no order and no engagement in the {@code horizon} after a
 * cutoff. A {@link LogisticRegression} learns it from profile features at the cutoff {@code asOf - 2·horizon} (labels
 * in the following horizon), on three quarters of those customers; {@link PlattScaling} calibrates it on the other
 * quarter; the calibrated model is then scored on a held-out time split, the cutoff {@code asOf - horizon} with labels
 * up to {@code asOf} (AUC and Brier score), and finally applied to every customer's features at {@code asOf}: the
 * probability of churning in the next horizon. When the history is shorter than three horizons the horizon shrinks to a
 * third of it; with too few customers of either class the model is not fitted and says so.
 */
public final class ChurnModel {
    public static final List<String> FEATURES = List.of(
            "daysSinceLastOrder",
            "neverOrdered",
            "orders",
            "spend",
            "recentEngagements",
            "daysSinceLastEngagement",
            "delays",
            "delayOver72h",
            "returns",
            "supportContacts",
            "npsDetractor",
            "b2b",
            "south",
            "tenureDays");
    static final int MIN_PER_CLASS = 5;
    static final double LAMBDA = 1.0;
    private static final double DAY_SECONDS = 86_400;

    /** What was fitted and how well it did on the held-out time split; null numbers when not available. */
    public record Metrics(
            String status,
            Duration horizon,
            Instant trainCutoff,
            Instant testCutoff,
            int trainRows,
            int calibrationRows,
            int testRows,
            Double trainChurnRate,
            Double testChurnRate,
            Double auc,
            Double brier,
            Double brierUncalibrated,
            boolean calibrated,
            Map<String, Double> coefficients) {}

    /** The metrics and, per input customer, the calibrated probability of churning in the next horizon (NaN: not scored). */
    public record Result(Metrics metrics, double[] probabilities) {}

    private final Duration horizon;

    public ChurnModel(Duration horizon) {
        this.horizon = horizon;
    }

    public Result fitAndScore(List<CustomerActivity> customers, Instant asOf) {
        double[] none = new double[customers.size()];
        Arrays.fill(none, Double.NaN);
        Instant earliest = customers.stream()
                .map(CustomerActivity::firstSeen)
                .filter(t -> t != null)
                .min(Instant::compareTo)
                .orElse(asOf);
        Duration span = Duration.between(earliest, asOf);
        Duration h = span.compareTo(horizon.multipliedBy(3)) >= 0 ? horizon : span.dividedBy(3);
        if (h.compareTo(Duration.ofHours(1)) < 0) {
            return new Result(insufficient("history shorter than 3 hours", h, asOf), none);
        }
        Instant trainCutoff = asOf.minus(h.multipliedBy(2));
        Instant testCutoff = asOf.minus(h);
        Rows fit = new Rows();
        Rows calibration = new Rows();
        Rows test = new Rows();
        for (CustomerActivity c : customers) {
            if (eligible(c, trainCutoff)) {
                Rows target = Math.floorMod(c.customerId().hashCode() * 31 + 7, 4) == 0 ? calibration : fit;
                target.add(features(c, trainCutoff, h), churned(c, trainCutoff, h));
            }
            if (eligible(c, testCutoff)) test.add(features(c, testCutoff, h), churned(c, testCutoff, h));
        }
        if (fit.positives() < MIN_PER_CLASS || fit.negatives() < MIN_PER_CLASS) {
            return new Result(
                    insufficient(
                            "fewer than " + MIN_PER_CLASS + " churned or retained customers at the training cutoff",
                            h,
                            asOf),
                    none);
        }
        LogisticRegression model = LogisticRegression.fit(fit.x(), fit.y(), LAMBDA);
        PlattScaling platt = null;
        if (calibration.positives() > 0 && calibration.negatives() > 0) {
            double[] raw = new double[calibration.size()];
            for (int i = 0; i < raw.length; i++) raw[i] = model.probability(calibration.x.get(i));
            platt = PlattScaling.fit(raw, calibration.y());
        }
        double[] testRaw = new double[test.size()];
        double[] testCalibrated = new double[test.size()];
        for (int i = 0; i < testRaw.length; i++) {
            testRaw[i] = model.probability(test.x.get(i));
            testCalibrated[i] = platt == null ? testRaw[i] : platt.calibrate(testRaw[i]);
        }
        double auc = BinaryMetrics.auc(testCalibrated, test.y());
        double[] probabilities = none.clone();
        for (int i = 0; i < customers.size(); i++) {
            CustomerActivity c = customers.get(i);
            if (!eligible(c, asOf.plusNanos(1))) continue;
            double p = model.probability(features(c, asOf.plusNanos(1), h));
            probabilities[i] = platt == null ? p : platt.calibrate(p);
        }
        Map<String, Double> coefficients = new LinkedHashMap<>();
        double[] w = model.coefficients();
        coefficients.put("intercept", round(w[0]));
        for (int j = 0; j < FEATURES.size(); j++) coefficients.put(FEATURES.get(j), round(w[j + 1]));
        Metrics metrics = new Metrics(
                "fitted",
                h,
                trainCutoff,
                testCutoff,
                fit.size(),
                calibration.size(),
                test.size(),
                round((double) (fit.positives() + calibration.positives()) / (fit.size() + calibration.size())),
                test.size() == 0 ? null : round((double) test.positives() / test.size()),
                Double.isNaN(auc) ? null : round(auc),
                test.size() == 0 ? null : round(BinaryMetrics.brier(testCalibrated, test.y())),
                test.size() == 0 ? null : round(BinaryMetrics.brier(testRaw, test.y())),
                platt != null,
                coefficients);
        return new Result(metrics, probabilities);
    }

    private static Metrics insufficient(String why, Duration h, Instant asOf) {
        return new Metrics(
                "insufficient_data: " + why, h, null, null, 0, 0, 0, null, null, null, null, null, false, Map.of());
    }

    private static boolean eligible(CustomerActivity c, Instant cutoff) {
        return c.firstSeen() != null && c.firstSeen().isBefore(cutoff);
    }

    /** 1 when the customer neither ordered nor engaged in [cutoff, cutoff + horizon). */
    static int churned(CustomerActivity c, Instant cutoff, Duration horizon) {
        Instant end = cutoff.plus(horizon);
        for (Order o : c.orders()) {
            if (!o.time().isBefore(cutoff) && o.time().isBefore(end)) return 0;
        }
        for (Signal s : c.signals()) {
            if (s.kind().engagement() && !s.time().isBefore(cutoff) && s.time().isBefore(end)) return 0;
        }
        return 1;
    }

    /** The features of {@link #FEATURES} from what happened before {@code cutoff}. */
    static double[] features(CustomerActivity c, Instant cutoff, Duration horizon) {
        List<Order> orders = c.ordersBefore(cutoff);
        double spend = 0;
        for (Order o : orders) spend += o.total();
        double tenure = days(c.firstSeen(), cutoff);
        double sinceOrder =
                orders.isEmpty() ? tenure : days(orders.get(orders.size() - 1).time(), cutoff);
        Instant recentFrom = cutoff.minus(horizon);
        int recent = 0;
        Instant lastEngagement = null;
        int delays = 0;
        boolean longDelay = false;
        int returns = 0;
        int support = 0;
        double lastNps = -1;
        for (Signal s : c.signals()) {
            if (!s.time().isBefore(cutoff)) break;
            switch (s.kind()) {
                case DELAY -> {
                    delays++;
                    if (s.value() > 72) longDelay = true;
                }
                case RETURN -> returns++;
                case SUPPORT -> support++;
                case NPS -> lastNps = s.value();
                default -> {
                    if (s.kind().engagement()) {
                        lastEngagement = s.time();
                        if (!s.time().isBefore(recentFrom)) recent++;
                    }
                }
            }
        }
        double sinceEngagement = lastEngagement == null ? tenure : days(lastEngagement, cutoff);
        String area = c.macroArea();
        boolean south = area != null && (area.equalsIgnoreCase("Sud") || area.equalsIgnoreCase("Isole"));
        return new double[] {
            Math.log1p(sinceOrder),
            orders.isEmpty() ? 1 : 0,
            Math.log1p(orders.size()),
            Math.log1p(spend),
            Math.log1p(recent),
            Math.log1p(sinceEngagement),
            Math.log1p(delays),
            longDelay ? 1 : 0,
            Math.log1p(returns),
            Math.log1p(support),
            lastNps >= 0 && lastNps <= 6 ? 1 : 0,
            c.b2b() ? 1 : 0,
            south ? 1 : 0,
            Math.log1p(tenure)
        };
    }

    private static double days(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).getSeconds() / DAY_SECONDS);
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static final class Rows {
        final List<double[]> x = new ArrayList<>();
        final List<Integer> y = new ArrayList<>();
        int positives;

        void add(double[] features, int label) {
            x.add(features);
            y.add(label);
            positives += label;
        }

        int size() {
            return x.size();
        }

        int positives() {
            return positives;
        }

        int negatives() {
            return x.size() - positives;
        }

        double[][] x() {
            return x.toArray(double[][]::new);
        }

        int[] y() {
            return y.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
