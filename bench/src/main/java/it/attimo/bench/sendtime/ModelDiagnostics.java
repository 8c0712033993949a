package it.attimo.bench.sendtime;

import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.profile.AdaptiveHalfLife;
import it.attimo.core.timing.profile.CustomerPrediction;
import it.attimo.core.timing.profile.TemporalModel;
import it.attimo.core.timing.profile.TemporalProfile;
import it.attimo.core.timing.profile.TimingHistories;
import java.util.ArrayList;
import java.util.List;

/**
 * Variants of the production model for diagnosis (printed by the harness with {@code --diagnose true}): the same
 * profiles and model, the send score recomputed from the predicted reading distribution with other look-ahead
 * kernels. Diagnostics only: the shipped choice is made by the hold-out in core, never by these numbers.
 */
final class ModelDiagnostics {
    private ModelDiagnostics() {}

    static TimingHistories histories(BenchPopulation pop, List<List<BenchPopulation.Event>> histories) {
        TimingHistories th = new TimingHistories(pop.targetStart());
        for (int i = 0; i < histories.size(); i++) {
            th.register(pop.customers().get(i).id());
            for (BenchPopulation.Event e : histories.get(i)) th.add(e.customerId(), e.type(), e.time());
        }
        return th;
    }

    static SendTimeHarness.Method tuningsMethod() {
        return Baselines.named("diag: tunings", ModelDiagnostics::tunings);
    }

    static List<SendTimeHarness.Method> methods() {
        List<SendTimeHarness.Method> out = new ArrayList<>();
        out.add(Baselines.named("diag: tunings", ModelDiagnostics::tunings));
        out.add(Baselines.named("diag: model send score", (pop, histories) -> run(pop, histories, -1)));
        for (double s : new double[] {2, 4, 8, 16, 32})
            out.add(Baselines.named(
                    "diag: model reads, sink " + (int) s + "h", (pop, histories) -> run(pop, histories, s)));
        return out;
    }

    private static SendTimeHarness.Choice[] run(
            BenchPopulation pop, List<List<BenchPopulation.Event>> histories, double sink) {
        TimingHistories th = histories(pop, histories);
        AdaptiveHalfLife.Decision d = AdaptiveHalfLife.decide(th, pop.targetStart(), TemporalModel.Settings.defaults());
        List<TemporalProfile> profiles = th.profiles(pop.targetStart(), d.halfLife());
        TemporalModel model = TemporalModel.fit(profiles, TemporalModel.Settings.defaults());
        System.err.printf(
                java.util.Locale.ROOT,
                "    [%s] half-life %d d, sink %.1f h, alpha %.1f, k %d%n",
                sink < 0 ? "send score" : "sink " + sink,
                d.halfLife().toDays(),
                model.sinkHours(),
                model.alpha(),
                model.clusters().size());
        SendTimeHarness.Choice[] out = new SendTimeHarness.Choice[profiles.size()];
        for (int i = 0; i < profiles.size(); i++) {
            CustomerPrediction p = model.predict(profiles.get(i));
            double[] score = p.sendScore();
            if (sink > 0) {
                score = new double[HourOfWeek.COUNT];
                for (int h = 0; h < HourOfWeek.COUNT; h++)
                    for (int k = 0; k < 48; k++)
                        score[h] += p.reads()[(h + k) % HourOfWeek.COUNT] * Math.exp(-k / sink);
            }
            out[i] = Baselines.argmax(score);
        }
        return out;
    }

    /**
     * Prints, for every tuning of the grid, the held-out reward the selection scored it with and the capture its
     * argmax over the email window's hours would get on the truth: to see whether the hold-out ranks tunings as the
     * truth does. Returns the shipped choice's slots.
     */
    private static SendTimeHarness.Choice[] tunings(BenchPopulation pop, List<List<BenchPopulation.Event>> histories) {
        TimingHistories th = histories(pop, histories);
        List<boolean[]> email = List.of(
                it.attimo.core.timing.profile.HalfLifeSelection.hoursOf(it.attimo.core.timing.SendWindows.defaults()
                        .window(it.attimo.core.channel.Channel.EMAIL)
                        .allowed()));
        it.attimo.core.timing.profile.HalfLifeSelection.Choice choice =
                it.attimo.core.timing.profile.HalfLifeSelection.choose(
                        th.sample(20_000),
                        pop.targetStart(),
                        java.time.Duration.ofDays(7),
                        it.attimo.core.timing.profile.HalfLifeSelection.GRID,
                        TemporalModel.Settings.defaults(),
                        email);
        List<TemporalProfile> profiles = th.profiles(pop.targetStart(), choice.halfLife());
        TemporalModel model = TemporalModel.fit(profiles, TemporalModel.Settings.defaults());
        double fixed = 0, oracle = 0;
        for (BenchPopulation.Customer c : pop.customers()) {
            fixed += BenchPopulation.response(c, HourOfWeek.of(java.time.DayOfWeek.TUESDAY, 10), 0);
            oracle += SendTimeHarness.best(c);
        }
        SendTimeHarness.Choice[] chosen = null;
        for (TemporalModel.Tuning t : TemporalModel.Tuning.GRID) {
            TemporalModel m = model.tuned(t);
            SendTimeHarness.Choice[] out = new SendTimeHarness.Choice[profiles.size()];
            double total = 0;
            for (int i = 0; i < profiles.size(); i++) {
                out[i] = Baselines.argmax(m.predict(profiles.get(i)).sendScore());
                total += BenchPopulation.response(pop.customers().get(i), out[i].hourOfWeek(), out[i].minute());
            }
            if (t.equals(choice.tuning())) chosen = out;
            System.err.printf(
                    java.util.Locale.ROOT,
                    "    [tuning] γ %.1f odds %.2f outcomes %-5s prior×%.2f  held-out reward %10.2f  capture %.3f%s%n",
                    t.responseCorrection(),
                    t.changeOdds(),
                    t.sendOutcomes(),
                    t.priorScale(),
                    choice.heldOutReward().get(t),
                    (total - fixed) / (oracle - fixed),
                    t.equals(choice.tuning()) ? "  <- chosen" : "");
        }
        return chosen;
    }
}
