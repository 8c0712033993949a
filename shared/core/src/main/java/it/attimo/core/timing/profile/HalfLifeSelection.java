package it.attimo.core.timing.profile;

import it.attimo.core.timing.HourOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the half-life of profile weights from the data, without looking past {@code asOf}: for each candidate,
 * profiles are built as of {@code asOf - holdout}, the model is fitted on them, and the engagement events of the
 * held-out stretch [{@code asOf - holdout}, {@code asOf}) are scored by each customer's predicted reading
 * distribution (log-likelihood). Habits that drift favour short half-lives, stable ones long half-lives.
 */
public final class HalfLifeSelection {
    public static final List<Duration> GRID = List.of(
            Duration.ofDays(21), Duration.ofDays(42), Duration.ofDays(84), Duration.ofDays(168), Duration.ofDays(336));
    /** Long enough that weights over any realistic history are 1: profiles built with it count events. */
    private static final Duration NO_DECAY = Duration.ofDays(365L * 1000);

    /** Profiles of every customer as of an instant, built with a half-life (only events up to that instant). */
    @FunctionalInterface
    public interface ProfileSource {
        List<TemporalProfile> profiles(Instant asOf, Duration halfLife);
    }

    /**
     * The chosen half-life and the held-out log-likelihood of each candidate, and the evidence tuning chosen with the
     * winning half-life.
     */
    public record Choice(Duration halfLife, Map<Duration, Double> heldOutLogLikelihood, TemporalModel.Tuning tuning) {}

    /** Fewer customers with held-out visits, purchases or replies than this: the tuning is scored on all activity. */
    static final int MIN_UNBIASED_CUSTOMERS = 50;

    private HalfLifeSelection() {}

    public static Choice choose(
            ProfileSource source,
            Instant asOf,
            Duration holdout,
            List<Duration> grid,
            TemporalModel.Settings settings) {
        if (grid.isEmpty()) throw new IllegalArgumentException("at least one candidate half-life");
        Instant cut = asOf.minus(holdout);
        List<TemporalProfile> atEnd = source.profiles(asOf, NO_DECAY);
        List<TemporalProfile> atCut = source.profiles(cut, NO_DECAY);
        Map<String, double[]> heldOut = heldOutCounts(atEnd, atCut, false);
        Map<Duration, Double> scores = new LinkedHashMap<>();
        Duration best = grid.get(0);
        double bestScore = Double.NEGATIVE_INFINITY;
        TemporalModel bestModel = null;
        List<TemporalProfile> bestProfiles = null;
        for (Duration halfLife : grid) {
            List<TemporalProfile> profiles = source.profiles(cut, halfLife);
            TemporalModel model = TemporalModel.fit(profiles, settings);
            double ll = logLikelihood(model, profiles, heldOut);
            scores.put(halfLife, ll);
            if (ll > bestScore) {
                bestScore = ll;
                best = halfLife;
                bestModel = model;
                bestProfiles = profiles;
            }
        }
        // the evidence tuning is scored on held-out visits, purchases and replies where there are enough: they show
        // presence without depending on when we mailed, unlike held-out opens
        Map<String, double[]> unbiased = heldOutCounts(atEnd, atCut, true);
        Map<String, double[]> target = unbiased.size() >= MIN_UNBIASED_CUSTOMERS ? unbiased : heldOut;
        List<TemporalModel.Tuning> tunings = TemporalModel.Tuning.GRID;
        double[][] perCustomer = new double[tunings.size()][];
        int top = 0;
        for (int i = 0; i < tunings.size(); i++) {
            perCustomer[i] = logLikelihoods(bestModel.tuned(tunings.get(i)), bestProfiles, target);
            if (sum(perCustomer[i]) > sum(perCustomer[top])) top = i;
        }
        TemporalModel.Tuning tuning = simplestWithinOneStandardError(tunings, perCustomer, top);
        return new Choice(best, scores, tuning);
    }

    /**
     * The one-standard-error rule: among the tunings whose held-out log-likelihood is within one standard error of the
     * best (the standard error of the summed per-customer differences to the best), the one that changes the model
     * least ({@link #complexity}: the plain model first, lower exponents and odds before higher). A tuning must
     * clearly beat doing less on the held-out week to be used: small gains are as likely noise as habit.
     */
    static TemporalModel.Tuning simplestWithinOneStandardError(
            List<TemporalModel.Tuning> grid, double[][] perCustomer, int top) {
        double[] best = perCustomer[top];
        TemporalModel.Tuning chosen = grid.get(top);
        double chosenCost = complexity(chosen);
        for (int i = 0; i < grid.size(); i++) {
            double[] x = perCustomer[i];
            int n = x.length;
            if (n < 2) continue;
            double gap = 0;
            for (int c = 0; c < n; c++) gap += best[c] - x[c];
            double mean = gap / n;
            double var = 0;
            for (int c = 0; c < n; c++) var += (best[c] - x[c] - mean) * (best[c] - x[c] - mean);
            double se = Math.sqrt(n * var / (n - 1));
            double cost = complexity(grid.get(i));
            if (gap <= se && cost < chosenCost) {
                chosen = grid.get(i);
                chosenCost = cost;
            }
        }
        return chosen;
    }

    /** How far a tuning moves the model from the plain one: {@code 2γ + (odds > 0 ? 1 + log10(1 + 100 odds) : 0)}. */
    static double complexity(TemporalModel.Tuning t) {
        return 2 * t.responseCorrection() + (t.changeOdds() > 0 ? 1 + Math.log10(1 + 100 * t.changeOdds()) : 0);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    /** Per scored customer, in profile order, the held-out log-likelihood. */
    private static double[] logLikelihoods(
            TemporalModel model, List<TemporalProfile> profiles, Map<String, double[]> counts) {
        double[] out = new double[profiles.size()];
        int n = 0;
        for (TemporalProfile p : profiles) {
            double[] c = counts.get(p.customerId());
            if (c == null) continue;
            double[] reads = model.predictReads(p);
            double ll = 0;
            for (int h = 0; h < HourOfWeek.COUNT; h++) if (c[h] > 0) ll += c[h] * Math.log(reads[h]);
            out[n++] = ll;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static double logLikelihood(
            TemporalModel model, List<TemporalProfile> profiles, Map<String, double[]> counts) {
        double ll = 0;
        for (TemporalProfile p : profiles) {
            double[] c = counts.get(p.customerId());
            if (c == null) continue;
            double[] reads = model.predictReads(p);
            for (int h = 0; h < HourOfWeek.COUNT; h++) if (c[h] > 0) ll += c[h] * Math.log(reads[h]);
        }
        return ll;
    }

    /** Per customer, the engagement events between the two snapshots (customers with none are left out). */
    private static Map<String, double[]> heldOutCounts(
            List<TemporalProfile> atEnd, List<TemporalProfile> atCut, boolean nonResponseOnly) {
        Map<String, double[]> before = new HashMap<>();
        for (TemporalProfile p : atCut) before.put(p.customerId(), nonResponseOnly ? withoutResponses(p) : p.reads());
        Map<String, double[]> out = new HashMap<>();
        for (TemporalProfile p : atEnd) {
            double[] earlier = before.get(p.customerId());
            double[] now = nonResponseOnly ? withoutResponses(p) : p.reads();
            double[] counts = new double[HourOfWeek.COUNT];
            boolean any = false;
            for (int h = 0; h < HourOfWeek.COUNT; h++) {
                double c = Math.rint(now[h] - (earlier == null ? 0 : earlier[h]));
                if (c > 0) {
                    counts[h] = c;
                    any = true;
                }
            }
            if (any) out.put(p.customerId(), counts);
        }
        return out;
    }

    private static double[] withoutResponses(TemporalProfile p) {
        double[] out = new double[HourOfWeek.COUNT];
        for (int h = 0; h < HourOfWeek.COUNT; h++) out[h] = p.reads()[h] - p.responseReads()[h];
        return out;
    }
}
