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

    /** The chosen half-life and the held-out log-likelihood of each candidate. */
    public record Choice(Duration halfLife, Map<Duration, Double> heldOutLogLikelihood) {}

    private HalfLifeSelection() {}

    public static Choice choose(
            ProfileSource source,
            Instant asOf,
            Duration holdout,
            List<Duration> grid,
            TemporalModel.Settings settings) {
        if (grid.isEmpty()) throw new IllegalArgumentException("at least one candidate half-life");
        Instant cut = asOf.minus(holdout);
        Map<String, double[]> heldOut = heldOutCounts(source.profiles(asOf, NO_DECAY), source.profiles(cut, NO_DECAY));
        Map<Duration, Double> scores = new LinkedHashMap<>();
        Duration best = grid.get(0);
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Duration halfLife : grid) {
            List<TemporalProfile> profiles = source.profiles(cut, halfLife);
            TemporalModel model = TemporalModel.fit(profiles, settings);
            double ll = 0;
            for (TemporalProfile p : profiles) {
                double[] counts = heldOut.get(p.customerId());
                if (counts == null) continue;
                double[] reads = model.predict(p).reads();
                for (int h = 0; h < HourOfWeek.COUNT; h++) if (counts[h] > 0) ll += counts[h] * Math.log(reads[h]);
            }
            scores.put(halfLife, ll);
            if (ll > bestScore) {
                bestScore = ll;
                best = halfLife;
            }
        }
        return new Choice(best, scores);
    }

    /** Per customer, the engagement events between the two snapshots (customers with none are left out). */
    private static Map<String, double[]> heldOutCounts(List<TemporalProfile> atEnd, List<TemporalProfile> atCut) {
        Map<String, double[]> before = new HashMap<>();
        for (TemporalProfile p : atCut) before.put(p.customerId(), p.reads());
        Map<String, double[]> out = new HashMap<>();
        for (TemporalProfile p : atEnd) {
            double[] earlier = before.get(p.customerId());
            double[] counts = new double[HourOfWeek.COUNT];
            boolean any = false;
            for (int h = 0; h < HourOfWeek.COUNT; h++) {
                double c = Math.rint(p.reads()[h] - (earlier == null ? 0 : earlier[h]));
                if (c > 0) {
                    counts[h] = c;
                    any = true;
                }
            }
            if (any) out.put(p.customerId(), counts);
        }
        return out;
    }
}
