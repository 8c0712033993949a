package it.attimo.bench;

import it.attimo.core.calendar.ItalianCalendar;
import it.attimo.core.channel.Channel;
import it.attimo.core.timing.FrequencyCaps;
import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.PlanRequest;
import it.attimo.core.timing.SendPlan;
import it.attimo.core.timing.SendWindowPlanner;
import it.attimo.core.timing.SendWindows;
import it.attimo.core.timing.profile.CustomerPrediction;
import it.attimo.core.timing.profile.HalfLifeSelection;
import it.attimo.core.timing.profile.ProfileAccumulator;
import it.attimo.core.timing.profile.ProfileSettings;
import it.attimo.core.timing.profile.TemporalModel;
import it.attimo.core.timing.profile.TemporalProfile;
import it.attimo.core.timing.synthetic.SyntheticPopulation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Offline evaluation of send-time choice on held-out weeks: train on weeks 1..n of a {@link SyntheticPopulation},
 * choose one email slot per customer for week n+1 among the email window's hours (09:30-14:00: hours 9-13, every
 * day), and score each choice by its exact open probability. Methods: fixed Tuesday 10:00, population best hour,
 * raw per-customer histogram, shrunk model, and the oracle (best true slot). Reports expected open rate and the
 * share of the oracle's uplift over the fixed baseline each method captures. Run from {@link TimingEvaluation}.
 */
public final class OfflineEvaluation {
    public static final int[] WINDOW_HOURS = {9, 10, 11, 12, 13};
    /** The planner row plans for a B2C customer in Roma (no patron day in the test weeks). */
    static final String PLANNER_COMUNE = "058091";

    public record MethodResult(String method, double expectedOpenRate, double upliftCaptured) {}

    public record Report(
            int customers,
            int trainWeeks,
            long seed,
            Duration halfLife,
            boolean halfLifeChosen,
            double alpha,
            double sinkHours,
            double outcomeStrength,
            List<String> clusters,
            double silhouette,
            List<MethodResult> results,
            long millis) {
        public MethodResult result(String method) {
            return results.stream()
                    .filter(r -> r.method().equals(method))
                    .findFirst()
                    .orElseThrow();
        }

        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(
                    Locale.ROOT,
                    "customers=%d train weeks=%d seed=%d half-life=%d d (%s) alpha=%.1f sink=%.1fh outcome-prior=%.3g sends k=%d silhouette=%.3f (%d ms)%n",
                    customers,
                    trainWeeks,
                    seed,
                    halfLife.toDays(),
                    halfLifeChosen ? "chosen on training weeks" : "fixed",
                    alpha,
                    sinkHours,
                    outcomeStrength,
                    clusters.size(),
                    silhouette,
                    millis));
            sb.append("clusters: ").append(String.join(", ", clusters)).append(System.lineSeparator());
            sb.append(String.format(
                    Locale.ROOT,
                    "| %-26s | %-17s | %-21s |%n",
                    "method",
                    "expected open rate",
                    "oracle uplift captured"));
            sb.append("|----------------------------|-------------------|-----------------------|")
                    .append(System.lineSeparator());
            for (MethodResult r : results) {
                sb.append(String.format(
                        Locale.ROOT,
                        "| %-26s | %16.2f%% | %20.1f%% |%n",
                        r.method(),
                        100 * r.expectedOpenRate(),
                        100 * r.upliftCaptured()));
            }
            return sb.toString();
        }
    }

    /**
     * The evaluation with the profiles' half-life chosen by {@link HalfLifeSelection} on the training weeks alone
     * (the last training week held out); with a single training week, the default half-life.
     */
    public static Report run(int customers, int trainWeeks, long seed) {
        long start = System.nanoTime();
        SyntheticPopulation pop = SyntheticPopulation.generate(customers, seed);
        List<List<SyntheticPopulation.Event>> histories = histories(pop, trainWeeks);
        if (trainWeeks < 2) return evaluate(pop, histories, trainWeeks, seed, ProfileSettings.HALF_LIFE, false, start);
        HalfLifeSelection.Choice choice = HalfLifeSelection.choose(
                (asOf, halfLife) -> profiles(pop, histories, asOf, halfLife),
                SyntheticPopulation.endOfWeek(trainWeeks),
                Duration.ofDays(7),
                HalfLifeSelection.GRID,
                TemporalModel.Settings.defaults());
        return evaluate(pop, histories, trainWeeks, seed, choice.halfLife(), true, start);
    }

    /** The evaluation with a fixed half-life. */
    public static Report run(int customers, int trainWeeks, long seed, Duration halfLife) {
        long start = System.nanoTime();
        SyntheticPopulation pop = SyntheticPopulation.generate(customers, seed);
        return evaluate(pop, histories(pop, trainWeeks), trainWeeks, seed, halfLife, false, start);
    }

    private static List<List<SyntheticPopulation.Event>> histories(SyntheticPopulation pop, int trainWeeks) {
        List<List<SyntheticPopulation.Event>> out =
                new ArrayList<>(pop.customers().size());
        for (SyntheticPopulation.Customer c : pop.customers()) out.add(pop.history(c, trainWeeks));
        return out;
    }

    private static List<TemporalProfile> profiles(
            SyntheticPopulation pop, List<List<SyntheticPopulation.Event>> histories, Instant asOf, Duration halfLife) {
        List<TemporalProfile> profiles = new ArrayList<>(histories.size());
        for (int i = 0; i < histories.size(); i++) {
            ProfileAccumulator acc =
                    new ProfileAccumulator(pop.customers().get(i).id(), asOf, halfLife);
            for (SyntheticPopulation.Event e : histories.get(i)) acc.add(e.type(), e.time());
            profiles.add(acc.finish());
        }
        return profiles;
    }

    private static Report evaluate(
            SyntheticPopulation pop,
            List<List<SyntheticPopulation.Event>> histories,
            int trainWeeks,
            long seed,
            Duration halfLife,
            boolean halfLifeChosen,
            long start) {
        int customers = pop.customers().size();
        List<TemporalProfile> profiles = profiles(pop, histories, SyntheticPopulation.endOfWeek(trainWeeks), halfLife);
        TemporalModel model = TemporalModel.fit(profiles, TemporalModel.Settings.defaults());
        int[] allowed = allowedSlots();
        int fixedSlot = HourOfWeek.of(DayOfWeek.TUESDAY, 10);
        int populationSlot = argmax(model.populationSendScore(), allowed);
        double fixed = 0, population = 0, raw = 0, shrunk = 0, oracle = 0, archetype = 0, planned = 0;
        SendWindowPlanner planner =
                new SendWindowPlanner(ItalianCalendar.bundled(), SendWindows.defaults(), FrequencyCaps.none());
        Instant weekStart = SyntheticPopulation.endOfWeek(trainWeeks);
        Instant weekEnd = SyntheticPopulation.endOfWeek(trainWeeks + 1);
        java.util.Map<String, Integer> archetypeChoice = new java.util.HashMap<>();
        for (int i = 0; i < customers; i++) {
            SyntheticPopulation.Customer c = pop.customers().get(i);
            TemporalProfile p = profiles.get(i);
            double[] truth = new double[HourOfWeek.COUNT];
            double best = 0;
            for (int h : allowed) {
                truth[h] = SyntheticPopulation.openProbability(c, h);
                best = Math.max(best, truth[h]);
            }
            fixed += truth[fixedSlot];
            population += truth[populationSlot];
            CustomerPrediction rawPrediction = model.predictRaw(p);
            raw += truth[argmax(rawPrediction.sendScore(), allowed)];
            CustomerPrediction prediction = model.predict(p);
            shrunk += truth[argmax(prediction.sendScore(), allowed)];
            SendPlan plan = planner.plan(PlanRequest.builder(Channel.EMAIL, weekStart)
                    .deadline(weekEnd)
                    .comune(PLANNER_COMUNE)
                    .prediction(prediction)
                    .build());
            if (!plan.isSkipped()) planned += truth[HourOfWeek.of(plan.localTime())];
            oracle += best;
            int a = archetypeChoice.computeIfAbsent(c.archetype(), name -> {
                double[] habit = SyntheticPopulation.archetypeHabit(name);
                double[] score = new double[HourOfWeek.COUNT];
                for (int h = 0; h < HourOfWeek.COUNT; h++) {
                    for (int d = 0; d < SyntheticPopulation.HORIZON_HOURS; d++) {
                        score[h] += habit[(h + d) % HourOfWeek.COUNT] * Math.exp(-d / SyntheticPopulation.SINK_HOURS);
                    }
                }
                return argmax(score, allowed);
            });
            archetype += truth[a];
        }
        double n = customers;
        double f = fixed / n, o = oracle / n;
        List<MethodResult> results = List.of(
                new MethodResult("fixed Tuesday 10:00", f, 0),
                new MethodResult("population best hour", population / n, capture(population / n, f, o)),
                new MethodResult("raw histogram", raw / n, capture(raw / n, f, o)),
                new MethodResult("shrunk model", shrunk / n, capture(shrunk / n, f, o)),
                new MethodResult("planner + shrunk model", planned / n, capture(planned / n, f, o)),
                new MethodResult("archetype known (ceiling)", archetype / n, capture(archetype / n, f, o)),
                new MethodResult("oracle", o, 1));
        List<String> names = model.clusters().stream()
                .map(cl -> cl.name() + " (" + cl.members() + ")")
                .toList();
        return new Report(
                customers,
                trainWeeks,
                seed,
                halfLife,
                halfLifeChosen,
                model.alpha(),
                model.sinkHours(),
                model.outcomeStrength(),
                names,
                model.silhouette(),
                results,
                (System.nanoTime() - start) / 1_000_000);
    }

    static int[] allowedSlots() {
        int[] a = new int[7 * WINDOW_HOURS.length];
        int i = 0;
        for (int d = 0; d < 7; d++) for (int h : WINDOW_HOURS) a[i++] = d * 24 + h;
        return a;
    }

    static int argmax(double[] score, int[] allowed) {
        int best = allowed[0];
        for (int h : allowed) if (score[h] > score[best]) best = h;
        return best;
    }

    private static double capture(double method, double fixed, double oracle) {
        return oracle - fixed <= 0 ? 0 : (method - fixed) / (oracle - fixed);
    }
}
