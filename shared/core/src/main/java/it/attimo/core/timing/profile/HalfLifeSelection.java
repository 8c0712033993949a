package it.attimo.core.timing.profile;

import it.attimo.core.channel.Channel;
import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.SendWindows;
import it.attimo.core.timing.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
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
    public record Choice(
            Duration halfLife,
            Map<Duration, Double> heldOutLogLikelihood,
            TemporalModel.Tuning tuning,
            Map<TemporalModel.Tuning, Double> heldOutReward) {}

    /**
     * The decisions the tuning is scored on when the caller does not name one: one slot in each default channel
     * window (email, SMS, push), every day.
     */
    public static final List<boolean[]> EVERY_CHANNEL = everyChannel();

    /**
     * Customers whose held-out decisions score the tunings, at most (the first ones of the profiles' order, itself a
     * deterministic sample): the harness's population size; 72 tunings on more cost seconds for a choice among a few.
     */
    static final int DECISION_SAMPLE = 2_000;

    /** Fewer customers with held-out visits, purchases or replies than this: the tuning is scored on all activity. */
    static final int MIN_UNBIASED_CUSTOMERS = 50;

    private HalfLifeSelection() {}

    public static Choice choose(
            ProfileSource source,
            Instant asOf,
            Duration holdout,
            List<Duration> grid,
            TemporalModel.Settings settings) {
        return choose(source, asOf, holdout, grid, settings, EVERY_CHANNEL);
    }

    /**
     * @param decisions the hours of week (168 flags) a slot may be chosen in, one array per decision the caller makes
     *                  with the model (e.g. the channel's window every day): the tuning is the one whose chosen slots
     *                  meet the most held-out activity
     */
    public static Choice choose(
            ProfileSource source,
            Instant asOf,
            Duration holdout,
            List<Duration> grid,
            TemporalModel.Settings settings,
            List<boolean[]> decisions) {
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
        Map<TemporalModel.Tuning, Double> rewards = new LinkedHashMap<>();
        int top = 0;
        for (int i = 0; i < tunings.size(); i++) {
            perCustomer[i] = rewards(bestModel.tuned(tunings.get(i)), bestProfiles, target, decisions);
            rewards.put(tunings.get(i), sum(perCustomer[i]));
            if (sum(perCustomer[i]) > sum(perCustomer[top])) top = i;
        }
        TemporalModel.Tuning tuning = simplestWithinOneStandardError(tunings, perCustomer, top);
        return new Choice(best, scores, tuning, rewards);
    }

    /**
     * Per scored customer (at most {@link #DECISION_SAMPLE}, in profile order), the held-out activity the model's
     * chosen slots would have met: for each decision, the slot with the highest send score among its hours, credited
     * with the held-out events at and after it, each {@code exp(-delay / sink)} (delay in whole hours, up to
     * {@link TemporalProfile#DELAY_HOURS}; the held-out week wraps like the model's week). This scores what the
     * planner does with a prediction — the argmax over a window — rather than the fit of every hour.
     */
    static double[] rewards(
            TemporalModel model,
            List<TemporalProfile> profiles,
            Map<String, double[]> counts,
            List<boolean[]> decisions) {
        double[] kernel = new double[TemporalProfile.DELAY_HOURS];
        for (int d = 0; d < kernel.length; d++) kernel[d] = Math.exp(-d / model.sinkHours());
        List<TemporalProfile> scored = new ArrayList<>();
        List<double[]> held = new ArrayList<>();
        for (TemporalProfile p : profiles) {
            if (scored.size() == DECISION_SAMPLE) break;
            double[] c = counts.get(p.customerId());
            if (c == null) continue;
            scored.add(p);
            held.add(c);
        }
        double[] out = new double[scored.size()];
        // customers are independent and the model is read-only: in parallel, each into its own slot
        java.util.stream.IntStream.range(0, out.length).parallel().forEach(i -> {
            double[] score = model.predict(scored.get(i)).sendScore();
            double[] c = held.get(i);
            double reward = 0;
            for (boolean[] hours : decisions) {
                int slot = -1;
                for (int h = 0; h < HourOfWeek.COUNT; h++)
                    if (hours[h] && (slot < 0 || score[h] > score[slot])) slot = h;
                if (slot < 0) continue;
                for (int d = 0; d < kernel.length; d++) reward += c[(slot + d) % HourOfWeek.COUNT] * kernel[d];
            }
            out[i] = reward;
        });
        return out;
    }

    /** The hours of week (every day) whose hour overlaps {@code allowed}: where a channel's slots fall. */
    public static boolean[] hoursOf(TimeWindow allowed) {
        boolean[] out = new boolean[HourOfWeek.COUNT];
        for (int hour = 0; hour < 24; hour++) {
            TimeWindow h = new TimeWindow(LocalTime.of(hour, 0), LocalTime.of(hour, 59, 59));
            if (!allowed.overlaps(h)) continue;
            for (int d = 0; d < 7; d++) out[d * 24 + hour] = true;
        }
        return out;
    }

    private static List<boolean[]> everyChannel() {
        SendWindows w = SendWindows.defaults();
        List<boolean[]> out = new ArrayList<>();
        for (Channel c : Channel.values()) out.add(hoursOf(w.window(c).allowed()));
        return List.copyOf(out);
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

    /**
     * How far a tuning moves the model from the plain one: {@code 2γ + (odds > 0 ? 1 + log10(1 + 100 odds) : 0)}, plus
     * 1 for the send-outcome calibration and 1 for each quartering of the fitted α ({@code log4(1 / priorScale)}).
     */
    static double complexity(TemporalModel.Tuning t) {
        return 2 * t.responseCorrection()
                + (t.changeOdds() > 0 ? 1 + Math.log10(1 + 100 * t.changeOdds()) : 0)
                + (t.sendOutcomes() ? 1 : 0)
                + Math.max(0, -Math.log(t.priorScale()) / Math.log(4));
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
