package it.attimo.bench.sendtime;

import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.profile.AdaptiveHalfLife;
import it.attimo.core.timing.profile.CustomerPrediction;
import it.attimo.core.timing.profile.TemporalModel;
import it.attimo.core.timing.profile.TemporalProfile;
import it.attimo.core.timing.profile.TimingHistories;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;

/**
 * The learned candidate: gradient-boosted regression trees (squared loss; Tribuo's CART regression trees as the weak
 * learner, a plain boosting loop around them) over per-(customer, slot) features of the week, the hour, weekend, the
 * customer's own activity ahead of the slot (all, recent, responses only), the same hour on other days, the shrunk
 * model's reads and send score, the population, and the customer's volume of events and sends. Trained the way
 * production refits: features as of one week before the target, label = the activity of that held-out week looking
 * ahead of the slot (exponential, 6 hours); then applied to features as of the target week's start. Never reads the
 * generator's truth.
 */
final class BoostedSendTime implements SendTimeHarness.Method {
    static final int ROUNDS = 25;
    static final double SHRINKAGE = 0.2;
    static final int DEPTH = 4;
    static final double SUBSAMPLE = 0.4;
    /** Training rows come from at most this many customers (every slot of each). */
    static final int TRAIN_CUSTOMERS = 500;

    private static final Duration NO_DECAY = Duration.ofDays(365L * 1000);
    private static final String[] NAMES = {
        "score_rel",
        "reads3",
        "reads8",
        "own3",
        "own8",
        "own_hod",
        "own_dow",
        "recent8",
        "pop8",
        "hour",
        "weekend",
        "log_events",
        "log_sends",
        "open_rate",
        "resp8"
    };
    private static final int[] SLOTS = slots();

    @Override
    public String name() {
        return "learned: boosted trees";
    }

    @Override
    public SendTimeHarness.Choice[] choose(BenchPopulation pop, List<List<BenchPopulation.Event>> histories) {
        TimingHistories th = ModelDiagnostics.histories(pop, histories);
        Instant target = pop.targetStart();
        Instant cut = target.minus(Duration.ofDays(7));
        AdaptiveHalfLife.Decision d = AdaptiveHalfLife.decide(th, target, TemporalModel.Settings.defaults());
        // training rows: features as of the cut, labels from the held-out week
        List<double[]> train = features(th, cut, d);
        List<TemporalProfile> end = th.profiles(target, NO_DECAY);
        List<TemporalProfile> start = th.profiles(cut, NO_DECAY);
        double[] y = new double[train.size()];
        int row = 0;
        for (int i = 0; i < end.size(); i++) {
            double[] week = new double[HourOfWeek.COUNT];
            for (int h = 0; h < HourOfWeek.COUNT; h++)
                week[h] = end.get(i).reads()[h] - start.get(i).reads()[h];
            for (int h : SLOTS) y[row++] = ahead(week, h, 48, 6);
        }
        int rows = Math.min(train.size(), TRAIN_CUSTOMERS * SLOTS.length);
        Booster booster = Booster.fit(train.subList(0, rows), java.util.Arrays.copyOf(y, rows), new Random(pop.seed()));
        List<double[]> apply = features(th, target, d);
        double[] f = booster.predict(apply);
        SendTimeHarness.Choice[] out = new SendTimeHarness.Choice[end.size()];
        for (int i = 0; i < out.length; i++) {
            int best = -1;
            for (int s = 0; s < SLOTS.length; s++)
                if (best < 0 || f[i * SLOTS.length + s] > f[i * SLOTS.length + best]) best = s;
            int h = SLOTS[best];
            out[i] = new SendTimeHarness.Choice(h, HourOfWeek.hour(h) == 9 ? 30 : 0);
        }
        return out;
    }

    private static List<double[]> features(TimingHistories th, Instant asOf, AdaptiveHalfLife.Decision d) {
        List<TemporalProfile> profiles = th.profiles(asOf, d.halfLife());
        TemporalModel model =
                TemporalModel.fit(profiles, TemporalModel.Settings.defaults()).tuned(d.tuning());
        double[] population = model.population();
        List<double[]> rows = new ArrayList<>(profiles.size() * SLOTS.length);
        for (TemporalProfile p : profiles) {
            CustomerPrediction pred = model.predict(p);
            double max = 1e-12;
            for (int h : SLOTS) max = Math.max(max, pred.sendScore()[h]);
            double rw = Math.max(1, p.readWeight());
            double nr = 0;
            for (double x : p.recentReads()) nr += x;
            double[] hod = new double[24];
            double[] dow = new double[7];
            for (int h = 0; h < HourOfWeek.COUNT; h++) {
                hod[h % 24] += p.reads()[h];
                dow[h / 24] += p.reads()[h];
            }
            for (int h : SLOTS) {
                int hour = HourOfWeek.hour(h);
                rows.add(new double[] {
                    pred.sendScore()[h] / max,
                    ahead(pred.reads(), h, 3, 1e9) * 168 / 3,
                    ahead(pred.reads(), h, 8, 1e9) * 168 / 8,
                    ahead(p.reads(), h, 3, 1e9) / rw,
                    ahead(p.reads(), h, 8, 1e9) / rw,
                    (hod[hour] + hod[(hour + 1) % 24] + hod[(hour + 2) % 24]) / rw,
                    dow[h / 24] / rw,
                    ahead(p.recentReads(), h, 8, 1e9) / Math.max(1, nr),
                    ahead(population, h, 8, 1e9) * 168 / 8,
                    hour,
                    h / 24 >= 5 ? 1 : 0,
                    Math.log1p(p.engagements()),
                    Math.log1p(p.sends()),
                    p.sends() == 0 ? -1 : (double) p.responses() / p.sends(),
                    ahead(p.responseReads(), h, 8, 1e9) / rw
                });
            }
        }
        return rows;
    }

    /** Σ_{d < span} v[h + d] · exp(-d / tau), wrapping around the week. */
    static double ahead(double[] v, int h, int span, double tau) {
        double s = 0;
        for (int d = 0; d < span; d++) s += v[(h + d) % HourOfWeek.COUNT] * Math.exp(-d / tau);
        return s;
    }

    private static int[] slots() {
        int[] s = new int[7 * Baselines.SLOT_HOURS.length];
        int i = 0;
        for (int d = 0; d < 7; d++) for (int hour : Baselines.SLOT_HOURS) s[i++] = d * 24 + hour;
        return s;
    }

    /** Squared-loss gradient boosting with Tribuo CART regression trees on row subsamples. */
    static final class Booster {
        private final double base;
        private final List<Model<Regressor>> trees;

        private Booster(double base, List<Model<Regressor>> trees) {
            this.base = base;
            this.trees = trees;
        }

        static Booster fit(List<double[]> x, double[] y, Random random) {
            double base = 0;
            for (double v : y) base += v;
            base /= y.length;
            double[] f = new double[y.length];
            java.util.Arrays.fill(f, base);
            List<Example<Regressor>> all = examples(x, null);
            RegressionFactory factory = new RegressionFactory();
            CARTRegressionTrainer trainer = new CARTRegressionTrainer(DEPTH);
            List<Model<Regressor>> trees = new ArrayList<>();
            for (int m = 0; m < ROUNDS; m++) {
                MutableDataset<Regressor> ds =
                        new MutableDataset<>(new SimpleDataSourceProvenance("residuals", factory), factory);
                for (int i = 0; i < y.length; i++) {
                    if (random.nextDouble() >= SUBSAMPLE) continue;
                    ds.add(new ArrayExample<>(new Regressor("r", y[i] - f[i]), NAMES, x.get(i)));
                }
                Model<Regressor> tree = trainer.train(ds);
                trees.add(tree);
                List<Prediction<Regressor>> p = tree.predict(all);
                for (int i = 0; i < y.length; i++)
                    f[i] += SHRINKAGE * p.get(i).getOutput().getValues()[0];
            }
            return new Booster(base, trees);
        }

        double[] predict(List<double[]> x) {
            double[] f = new double[x.size()];
            java.util.Arrays.fill(f, base);
            List<Example<Regressor>> all = examples(x, null);
            for (Model<Regressor> tree : trees) {
                List<Prediction<Regressor>> p = tree.predict(all);
                for (int i = 0; i < f.length; i++)
                    f[i] += SHRINKAGE * p.get(i).getOutput().getValues()[0];
            }
            return f;
        }

        private static List<Example<Regressor>> examples(List<double[]> x, double[] y) {
            List<Example<Regressor>> out = new ArrayList<>(x.size());
            for (int i = 0; i < x.size(); i++)
                out.add(new ArrayExample<>(new Regressor("r", y == null ? 0 : y[i]), NAMES, x.get(i)));
            return out;
        }
    }
}
