package it.attimo.core.timing.profile;

import it.attimo.core.timing.HourOfWeek;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.apache.commons.math3.special.Gamma;

/**
 * Population-level temporal model, refitted daily from all profiles:
 * <ol>
 *   <li>population reading distribution {@code p0} (pooled decayed reads, lightly smoothed) and population
 *       response-delay distribution;</li>
 *   <li>prior strength {@code alpha} by empirical Bayes: the value on a grid that maximises the leave-one-out
 *       Dirichlet-multinomial pseudo-likelihood of every profile under the population prior;</li>
 *   <li>k-means (k-means++, seeded) over profiles with enough evidence, on 42 features (7 days x 6 four-hour
 *       blocks) of their population-shrunk distributions; k in 2..8 chosen by the best mean silhouette on a
 *       sample; each cluster named for people by its dominant day(s) and part of day ("martedì mattina");</li>
 *   <li>per customer: soft cluster membership from the multinomial likelihood of their reads, prior = membership-
 *       weighted cluster centroids, posterior reads = (n + alpha prior) / (N + alpha); delays shrunk the same way
 *       toward the population delays; send score = reads convolved with delays.</li>
 * </ol>
 * Deterministic for a given seed and input order.
 */
public final class TemporalModel {
    public record Settings(
            int minEngagementsForClustering,
            int maxClusteringSample,
            int silhouetteSample,
            int selectionSample,
            int minK,
            int maxK,
            int emIterations,
            double delayPriorStrength,
            long seed) {
        public static Settings defaults() {
            return new Settings(5, 4000, 600, 5_000, 2, 12, 15, 5.0, 42L);
        }
    }

    /** A cluster of people sharing a rhythm. */
    public record Cluster(String name, double[] reads, int members) {}

    static final double[] ALPHA_GRID = {0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128};
    private static final int BLOCKS = 42;

    private final double[] population;
    private final double[] populationDelays;
    private final double[] populationSendScore;
    private final double sinkHours;
    private double populationOpenRate;
    private double outcomeStrength;
    /** Pooled non-response activity over pooled responses, per hour of week (1 where unknown): see {@link #tuned}. */
    private double[] responseRatio = ones();
    /** Multiplies each hour's responses (opens, clicks) in a customer's reads; all 1 = uncorrected. */
    private double[] responseCorrection = ones();
    /** Prior odds that a customer's last {@link TemporalProfile#RECENT_DAYS} days follow new habits; 0 = never. */
    private double changeOdds;

    private Tuning tuning = Tuning.NONE;
    private final double[] kernel;
    private final double alpha;
    private final List<Cluster> clusters;
    private final double[][] logCentroids;
    private final double[] logClusterPrior;
    private final double[] clusterWeights;
    private final double silhouette;
    private final double delayPriorStrength;

    private TemporalModel(
            double[] population,
            double[] populationDelays,
            double alpha,
            List<Cluster> clusters,
            double[] clusterPrior,
            double silhouette,
            double delayPriorStrength) {
        this.population = population;
        this.populationDelays = populationDelays;
        this.sinkHours = sinkHours(populationDelays);
        this.kernel = new double[TemporalProfile.DELAY_HOURS];
        for (int d = 0; d < kernel.length; d++) kernel[d] = Math.exp(-d / sinkHours);
        this.populationSendScore = convolve(population, kernel);
        this.alpha = alpha;
        this.clusters = List.copyOf(clusters);
        this.logCentroids = new double[clusters.size()][];
        for (int k = 0; k < clusters.size(); k++) {
            double[] c = clusters.get(k).reads();
            logCentroids[k] = new double[HourOfWeek.COUNT];
            for (int h = 0; h < HourOfWeek.COUNT; h++) logCentroids[k][h] = Math.log(c[h]);
        }
        this.clusterWeights = clusterPrior.clone();
        this.logClusterPrior = new double[clusterPrior.length];
        for (int k = 0; k < clusterPrior.length; k++) logClusterPrior[k] = Math.log(clusterPrior[k]);
        this.silhouette = silhouette;
        this.delayPriorStrength = delayPriorStrength;
    }

    public static TemporalModel fit(Collection<TemporalProfile> profiles, Settings settings) {
        double[] pooled = new double[HourOfWeek.COUNT];
        double[] delays = new double[TemporalProfile.DELAY_HOURS];
        for (TemporalProfile p : profiles) {
            for (int h = 0; h < HourOfWeek.COUNT; h++) pooled[h] += p.reads()[h];
            for (int d = 0; d < delays.length; d++) delays[d] += p.delays()[d];
        }
        double[] p0 = smoothNormalise(pooled, 1e-3);
        double[] d0 = smoothNormalise(delays, 1e-3);
        // model selection (alpha, k) on a seeded sample: the likelihoods are sums over customers
        List<TemporalProfile> all = new ArrayList<>(profiles);
        if (all.size() > settings.selectionSample()) {
            java.util.Collections.shuffle(all, new Random(settings.seed() ^ 0x5DEECE66DL));
            all = new ArrayList<>(all.subList(0, settings.selectionSample()));
        }
        List<double[]> populationPriors = java.util.Collections.nCopies(all.size(), p0);
        double alpha0 = chooseAlpha(all, populationPriors);

        List<TemporalProfile> rich = new ArrayList<>();
        for (TemporalProfile p : profiles) if (p.engagements() >= settings.minEngagementsForClustering()) rich.add(p);
        Random random = new Random(settings.seed());
        if (rich.size() > settings.maxClusteringSample()) {
            java.util.Collections.shuffle(rich, random);
            rich = rich.subList(0, settings.maxClusteringSample());
        }
        if (rich.size() < settings.minK() * 10) {
            List<Cluster> single = List.of(new Cluster(ClusterNames.name(p0), p0, profiles.size()));
            double alpha = chooseAlpha(all, populationPriors);
            TemporalModel single1 = new TemporalModel(
                    p0, d0, alpha, single, new double[] {1.0}, Double.NaN, settings.delayPriorStrength());
            single1.calibrateOutcomes(profiles, all);
            single1.responseRatio = responseRatio(profiles);
            return single1;
        }
        List<double[]> shrunk = new ArrayList<>(rich.size());
        List<DoublePoint> points = new ArrayList<>(rich.size());
        for (TemporalProfile p : rich) {
            double[] s = posterior(p.reads(), p.readWeight(), p0, alpha0);
            shrunk.add(s);
            points.add(new DoublePoint(blocks(s)));
        }
        IdentityIndex index = new IdentityIndex(points);
        // each k is fitted from its own seed, so the candidates are computed in parallel and judged in order of k:
        // the same model as one after the other
        List<TemporalProfile> selection = all;
        List<Candidate> candidates = java.util.stream.IntStream.rangeClosed(settings.minK(), settings.maxK())
                .filter(k -> k < points.size())
                .parallel()
                .mapToObj(k -> candidate(k, points, shrunk, index, selection, p0, d0, alpha0, settings))
                .toList();
        TemporalModel best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Candidate c : candidates) {
            if (c.score() > bestScore) {
                bestScore = c.score();
                best = c.model();
            }
        }
        best.calibrateOutcomes(profiles, all);
        best.responseRatio = responseRatio(profiles);
        return best;
    }

    /**
     * How a fitted model treats the evidence, chosen on a held-out week by {@link HalfLifeSelection}:
     *
     * @param responseCorrection exponent γ of the correction of responses toward the hours where non-response
     *                           activity happens: opens are logged only where we mailed shortly before, so when sends
     *                           are concentrated at a few hours the hours after them look better than they are
     *                           (0 = none, 1 = full inverse-exposure weighting)
     * @param changeOdds         prior odds that a customer changed habits in the last {@link TemporalProfile#RECENT_DAYS}
     *                           days (0 = never considered)
     * @param sendOutcomes       whether the send score is calibrated by the outcomes of our past sends
     *                           ({@link SendOutcomes})
     * @param priorScale         multiplies the prior strength α of the personal posterior: below 1 a person's own
     *                           activity counts more against their cluster's (1 = α as fitted)
     */
    public record Tuning(double responseCorrection, double changeOdds, boolean sendOutcomes, double priorScale) {
        public static final Tuning NONE = new Tuning(0, 0);
        /** Used when there is no held-out week to choose on. */
        public static final Tuning DEFAULT = new Tuning(0.5, 0.1);

        public static final List<Tuning> GRID = grid();

        public Tuning {
            if (!(priorScale > 0)) throw new IllegalArgumentException("priorScale must be > 0");
        }

        /** A tuning of the first two kinds only: send outcomes used, α as fitted (what models stored before had). */
        public Tuning(double responseCorrection, double changeOdds) {
            this(responseCorrection, changeOdds, true, 1);
        }

        private static List<Tuning> grid() {
            List<Tuning> g = new ArrayList<>();
            for (double gamma : new double[] {0, 0.5, 1})
                for (double odds : new double[] {0, 0.1, 1, 10})
                    for (boolean outcomes : new boolean[] {false, true})
                        for (double scale : new double[] {1, 0.25, 0.0625})
                            g.add(new Tuning(gamma, odds, outcomes, scale));
            return List.copyOf(g);
        }
    }

    /** This model with the evidence treated as {@code t} says (the clusters and priors are unchanged). */
    public TemporalModel tuned(Tuning t) {
        TemporalModel m = restore(state());
        m.responseRatio = responseRatio;
        m.tuning = t;
        m.changeOdds = t.changeOdds();
        double[] c = new double[HourOfWeek.COUNT];
        for (int h = 0; h < HourOfWeek.COUNT; h++) c[h] = Math.pow(responseRatio[h], t.responseCorrection());
        m.responseCorrection = c;
        return m;
    }

    public Tuning tuning() {
        return tuning;
    }

    /**
     * Per hour of week, the share of the population's non-response activity (visits, purchases, replies) over the
     * share of its responses to our sends, both smoothed over ±1 hour, clamped to [1/4, 4] and scaled so that the
     * responses keep their total weight. All 1 when either kind has fewer than {@link #MIN_RATIO_EVENTS} events.
     */
    static double[] responseRatio(Collection<TemporalProfile> profiles) {
        double[] other = new double[HourOfWeek.COUNT];
        double[] responses = new double[HourOfWeek.COUNT];
        for (TemporalProfile p : profiles) {
            for (int h = 0; h < HourOfWeek.COUNT; h++) {
                responses[h] += p.responseReads()[h];
                other[h] += p.reads()[h] - p.responseReads()[h];
            }
        }
        double so = 0, sr = 0;
        for (int h = 0; h < HourOfWeek.COUNT; h++) {
            so += other[h];
            sr += responses[h];
        }
        if (so < MIN_RATIO_EVENTS || sr < MIN_RATIO_EVENTS) return ones();
        double[] o = smoothNormalise(circularSmooth(other), 0.01);
        double[] r = smoothNormalise(circularSmooth(responses), 0.01);
        double[] ratio = new double[HourOfWeek.COUNT];
        double kept = 0;
        for (int h = 0; h < HourOfWeek.COUNT; h++) {
            ratio[h] = Math.max(0.25, Math.min(4.0, o[h] / r[h]));
            kept += r[h] * ratio[h];
        }
        for (int h = 0; h < HourOfWeek.COUNT; h++) ratio[h] /= kept;
        return ratio;
    }

    static final double MIN_RATIO_EVENTS = 200;

    private static double[] circularSmooth(double[] v) {
        double[] out = new double[v.length];
        for (int h = 0; h < v.length; h++)
            out[h] = 0.5 * v[h] + 0.25 * v[(h + 1) % v.length] + 0.25 * v[(h + v.length - 1) % v.length];
        return out;
    }

    /** A response correction that changes nothing (all 1). */
    public static double[] uncorrected() {
        return ones();
    }

    private static double[] ones() {
        double[] o = new double[HourOfWeek.COUNT];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }

    /**
     * Refines the k-means clusters as a mixture of multinomials (EM: soft memberships from each customer's decayed
     * reads, centroids re-estimated as membership-weighted reads, 5% population smoothing), starting from k-means.
     * Names are recomputed from the refined centroids.
     */
    TemporalModel refinedByEm(List<TemporalProfile> profiles, int iterations) {
        if (iterations <= 0) return this;
        TemporalModel m = this;
        // most customers read in a handful of the 168 hours: visiting only those gives the same sums, in the same order
        int[][] readHours = new int[profiles.size()][];
        for (int i = 0; i < readHours.length; i++)
            readHours[i] = nonZeroHours(profiles.get(i).reads());
        for (int it = 0; it < iterations; it++) {
            int k = m.clusters.size();
            double[][] sums = new double[k][HourOfWeek.COUNT];
            double[] mass = new double[k];
            for (int i = 0; i < readHours.length; i++) {
                TemporalProfile p = profiles.get(i);
                if (p.readWeight() <= 0) continue;
                double[] reads = p.reads();
                int[] hours = readHours[i];
                double[] r = m.responsibilities(reads, hours);
                for (int c = 0; c < k; c++) {
                    if (r[c] < 1e-6) continue;
                    mass[c] += r[c];
                    double[] sc = sums[c];
                    for (int h : hours) sc[h] += r[c] * reads[h];
                }
            }
            List<Cluster> refined = new ArrayList<>(k);
            double total = 0;
            for (double x : mass) total += x;
            double[] weights = new double[k];
            Set<String> used = new HashSet<>();
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (double x : sums[c]) sum += x;
                double[] centroid = new double[HourOfWeek.COUNT];
                for (int h = 0; h < HourOfWeek.COUNT; h++) {
                    centroid[h] = sum > 0 ? 0.95 * sums[c][h] / sum + 0.05 * population[h] : population[h];
                }
                String name = ClusterNames.name(centroid);
                String unique = name;
                for (int n = 2; !used.add(unique); n++) unique = name + " " + n;
                refined.add(new Cluster(unique, centroid, (int) Math.round(mass[c])));
                weights[c] = total > 0 ? Math.max(1e-6, mass[c] / total) : 1.0 / k;
            }
            m = new TemporalModel(
                    population, populationDelays, alpha, refined, weights, silhouette, delayPriorStrength);
        }
        return m;
    }

    private record Candidate(TemporalModel model, double score) {}

    /** The model with {@code k} clusters, refined by EM, and its leave-one-out likelihood on the selection sample. */
    private static Candidate candidate(
            int k,
            List<DoublePoint> points,
            List<double[]> shrunk,
            IdentityIndex index,
            List<TemporalProfile> all,
            double[] p0,
            double[] d0,
            double alpha0,
            Settings settings) {
        JDKRandomGenerator rng = new JDKRandomGenerator();
        rng.setSeed(settings.seed() + k);
        List<CentroidCluster<DoublePoint>> result =
                new KMeansPlusPlusClusterer<DoublePoint>(k, 100, new EuclideanDistance(), rng).cluster(points);
        double silhouette = Silhouette.mean(result, settings.silhouetteSample(), settings.seed());
        TemporalModel candidate = fromClusters(result, shrunk, index, p0, d0, alpha0, silhouette, settings)
                .refinedByEm(all, settings.emIterations());
        List<double[]> priors = new ArrayList<>(all.size());
        for (TemporalProfile p : all) priors.add(candidate.clusterPrior(p));
        double alpha = chooseAlpha(all, priors);
        TemporalModel model = new TemporalModel(
                p0, d0, alpha, candidate.clusters, candidate.clusterWeights, silhouette, settings.delayPriorStrength());
        return new Candidate(model, looLogLikelihood(all, priors, alpha));
    }

    private static TemporalModel fromClusters(
            List<CentroidCluster<DoublePoint>> result,
            List<double[]> shrunk,
            IdentityIndex index,
            double[] p0,
            double[] d0,
            double alpha,
            double silhouette,
            Settings settings) {
        List<Cluster> clusters = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Set<String> usedNames = new HashSet<>();
        for (CentroidCluster<DoublePoint> c : result) {
            if (c.getPoints().isEmpty()) continue;
            double[] mean = new double[HourOfWeek.COUNT];
            for (DoublePoint pt : c.getPoints()) {
                double[] s = shrunk.get(index.of(pt));
                for (int h = 0; h < HourOfWeek.COUNT; h++) mean[h] += s[h];
            }
            double[] centroid = new double[HourOfWeek.COUNT];
            for (int h = 0; h < HourOfWeek.COUNT; h++)
                centroid[h] = 0.95 * mean[h] / c.getPoints().size() + 0.05 * p0[h];
            String name = ClusterNames.name(centroid);
            String unique = name;
            for (int n = 2; !usedNames.add(unique); n++) unique = name + " " + n;
            clusters.add(new Cluster(unique, centroid, c.getPoints().size()));
            sizes.add(c.getPoints().size());
        }
        double[] weights = new double[clusters.size()];
        double total = sizes.stream().mapToInt(Integer::intValue).sum();
        for (int k = 0; k < weights.length; k++) weights[k] = sizes.get(k) / total;
        return new TemporalModel(p0, d0, alpha, clusters, weights, silhouette, settings.delayPriorStrength());
    }

    static double looLogLikelihood(List<TemporalProfile> profiles, List<double[]> priors, double a) {
        double ll = 0;
        for (int i = 0; i < profiles.size(); i++) {
            TemporalProfile p = profiles.get(i);
            if (p.engagements() < 2 || p.readWeight() <= 0) continue;
            double scale = p.engagements() / p.readWeight();
            double n = p.engagements();
            double[] r = p.reads();
            double[] prior = priors.get(i);
            for (int h = 0; h < HourOfWeek.COUNT; h++) {
                if (r[h] <= 0) continue;
                double c = r[h] * scale;
                ll += c * Math.log((Math.max(c - 1, 0) + a * prior[h]) / (n - 1 + a));
            }
        }
        return ll;
    }

    public CustomerPrediction predict(TemporalProfile profile) {
        double n = profile.readWeight();
        if (n <= 0 && profile.responses() == 0) {
            return new CustomerPrediction(
                    profile.customerId(), populationSendScore, population, "popolazione", 0, sinkHours);
        }
        double[] responsibilities = responsibilities(profile);
        double[] prior = mix(responsibilities);
        int top = 0;
        for (int c = 1; c < responsibilities.length; c++) if (responsibilities[c] > responsibilities[top]) top = c;
        double[] reads = personalReads(profile, prior);
        double[] score = convolve(reads, kernel);
        if (tuning.sendOutcomes() && outcomeStrength > 0 && profile.sends() > 0)
            score = SendOutcomes.calibrate(score, profile, populationOpenRate, outcomeStrength, sinkHours);
        return new CustomerPrediction(
                profile.customerId(), score, reads, clusters.get(top).name(), n, sinkHours);
    }

    /** The customer's predicted reading distribution only (what the hold-out scores), without the send score. */
    double[] predictReads(TemporalProfile profile) {
        if (profile.readWeight() <= 0) return population;
        return personalReads(profile, clusterPrior(profile));
    }

    /**
     * Posterior reads: the customer's reads, responses corrected toward the hours they were not mailed in, shrunk
     * toward their cluster prior with strength alpha; and, when the last {@link TemporalProfile#RECENT_DAYS} days are
     * more likely a new habit than the old one (Dirichlet-multinomial Bayes factor times {@code changeOdds}), mixed
     * with the posterior of those recent days alone by that probability.
     */
    private double[] personalReads(TemporalProfile profile, double[] prior) {
        double[] counts = profile.reads();
        double n = profile.readWeight();
        if (tuning.responseCorrection() > 0) {
            counts = counts.clone();
            n = 0;
            double[] resp = profile.responseReads();
            for (int h = 0; h < HourOfWeek.COUNT; h++) {
                counts[h] += resp[h] * (responseCorrection[h] - 1);
                n += counts[h];
            }
        }
        double strength = alpha * tuning.priorScale();
        double[] reads = posterior(counts, n, prior, strength);
        double change = changeProbability(profile, prior);
        if (change > 0.01) {
            double[] recent = profile.recentReads();
            double nr = 0;
            for (double x : recent) nr += x;
            // the new habit's own cluster: the prior from the whole history would pull it back to the old one
            double[] fresh = posterior(recent, nr, mix(responsibilities(recent)), strength);
            for (int h = 0; h < HourOfWeek.COUNT; h++) reads[h] = (1 - change) * reads[h] + change * fresh[h];
        }
        return reads;
    }

    /** Posterior probability that the recent days follow a different distribution than the older ones. */
    double changeProbability(TemporalProfile profile, double[] prior) {
        if (changeOdds <= 0) return 0;
        double[] all = profile.reads();
        double[] recent = profile.recentReads();
        double[] old = new double[HourOfWeek.COUNT];
        double nr = 0, no = 0;
        for (int h = 0; h < HourOfWeek.COUNT; h++) {
            old[h] = Math.max(0, all[h] - recent[h]);
            nr += recent[h];
            no += old[h];
        }
        if (nr < 2 || no < 2) return 0;
        double logBayes =
                logMarginal(recent, nr, prior) + logMarginal(old, no, prior) - logMarginal(all, nr + no, prior);
        double logit = logBayes + Math.log(changeOdds);
        return logit > 30 ? 1 : 1 / (1 + Math.exp(-logit));
    }

    /** Dirichlet-multinomial log marginal likelihood of (decayed) counts under Dirichlet(alpha * prior). */
    private double logMarginal(double[] counts, double total, double[] prior) {
        double l = Gamma.logGamma(alpha) - Gamma.logGamma(alpha + total);
        for (int h = 0; h < HourOfWeek.COUNT; h++) {
            if (counts[h] <= 0) continue;
            double a = alpha * prior[h];
            l += Gamma.logGamma(counts[h] + a) - Gamma.logGamma(a);
        }
        return l;
    }

    /** The customer's prior reading distribution: cluster centroids weighted by soft membership. */
    double[] clusterPrior(TemporalProfile profile) {
        if (profile.readWeight() <= 0) return population;
        return mix(responsibilities(profile));
    }

    /** Soft cluster membership from the multinomial log-likelihood of the (decayed) reads. */
    private double[] responsibilities(TemporalProfile profile) {
        return responsibilities(profile.reads());
    }

    private double[] responsibilities(double[] r) {
        return responsibilities(r, nonZeroHours(r));
    }

    /** As {@link #responsibilities(double[])}, given the hours where {@code r} is not zero, in increasing order. */
    private double[] responsibilities(double[] r, int[] readHours) {
        int k = clusters.size();
        double[] post = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double l = logClusterPrior[c];
            double[] lc = logCentroids[c];
            for (int h : readHours) if (r[h] > 0) l += r[h] * lc[h];
            post[c] = l;
            max = Math.max(max, l);
        }
        double z = 0;
        for (int c = 0; c < k; c++) {
            post[c] = Math.exp(post[c] - max);
            z += post[c];
        }
        for (int c = 0; c < k; c++) post[c] /= z;
        return post;
    }

    private double[] mix(double[] responsibilities) {
        double[] prior = new double[HourOfWeek.COUNT];
        for (int c = 0; c < responsibilities.length; c++) {
            double w = responsibilities[c];
            if (w < 1e-6) continue;
            double[] cr = clusters.get(c).reads();
            for (int h = 0; h < HourOfWeek.COUNT; h++) prior[h] += w * cr[h];
        }
        return prior;
    }

    /**
     * Population open rate of our sends, and the strength of the per-customer open-rate prior chosen on a grid by
     * leave-one-out likelihood of each send's outcome (see {@link SendOutcomes}).
     */
    private void calibrateOutcomes(Collection<TemporalProfile> everyone, List<TemporalProfile> sample) {
        double sent = 0, opened = 0;
        for (TemporalProfile p : everyone) {
            for (int j = 0; j < p.sends(); j++) {
                sent += p.sendWeights()[j];
                if (p.sendOpened()[j]) opened += p.sendWeights()[j];
            }
        }
        populationOpenRate = sent > 0 ? opened / sent : 0;
        if (sent == 0) return;
        List<TemporalProfile> withSends = new ArrayList<>();
        List<double[]> bases = new ArrayList<>();
        for (TemporalProfile p : sample) {
            if (p.sends() < 2) continue;
            withSends.add(p);
            bases.add(convolve(posterior(p.reads(), p.readWeight(), clusterPrior(p), alpha), kernel));
        }
        double bestLl = Double.NEGATIVE_INFINITY;
        outcomeStrength = 0;
        for (double beta : SendOutcomes.STRENGTH_GRID) {
            double ll = 0;
            for (int i = 0; i < withSends.size(); i++) {
                ll += SendOutcomes.looLogLikelihood(
                        bases.get(i), withSends.get(i), populationOpenRate, beta, sinkHours);
            }
            if (ll > bestLl) {
                bestLl = ll;
                outcomeStrength = beta;
            }
        }
    }

    /** Prior strength (in sends) of the per-customer open-rate calibration; 0 when there were no sends. */
    public double outcomeStrength() {
        return outcomeStrength;
    }

    /** Prediction with no shrinkage (alpha = 0): the raw per-customer histogram, population when empty. Baseline only. */
    public CustomerPrediction predictRaw(TemporalProfile profile) {
        if (profile.readWeight() <= 0) {
            return new CustomerPrediction(
                    profile.customerId(), populationSendScore, population, "popolazione", 0, sinkHours);
        }
        double[] reads = new double[HourOfWeek.COUNT];
        for (int h = 0; h < HourOfWeek.COUNT; h++) reads[h] = profile.reads()[h] / profile.readWeight();
        return new CustomerPrediction(
                profile.customerId(), convolve(reads, kernel), reads, "grezzo", profile.readWeight(), sinkHours);
    }

    /**
     * Everything a fitted model needs to predict (the sink time, kernel and log-centroids are derived from it):
     * what the daily refresh stores and the planners restore.
     */
    public record State(
            double[] population,
            double[] populationDelays,
            double alpha,
            List<Cluster> clusters,
            double[] clusterWeights,
            double silhouette,
            double delayPriorStrength,
            double populationOpenRate,
            double outcomeStrength,
            double[] responseCorrection,
            double changeOdds,
            Tuning tuning) {

        /** A state stored before the evidence tuning existed: no correction, no change detection. */
        public State(
                double[] population,
                double[] populationDelays,
                double alpha,
                List<Cluster> clusters,
                double[] clusterWeights,
                double silhouette,
                double delayPriorStrength,
                double populationOpenRate,
                double outcomeStrength) {
            this(
                    population,
                    populationDelays,
                    alpha,
                    clusters,
                    clusterWeights,
                    silhouette,
                    delayPriorStrength,
                    populationOpenRate,
                    outcomeStrength,
                    ones(),
                    0,
                    Tuning.NONE);
        }
    }

    public State state() {
        return new State(
                population.clone(),
                populationDelays.clone(),
                alpha,
                clusters,
                clusterWeights.clone(),
                silhouette,
                delayPriorStrength,
                populationOpenRate,
                outcomeStrength,
                responseCorrection.clone(),
                changeOdds,
                tuning);
    }

    /** The model a {@link #state()} describes; predicts exactly as the model it came from. */
    public static TemporalModel restore(State s) {
        if (s.population().length != HourOfWeek.COUNT)
            throw new IllegalArgumentException("population must have 168 bins");
        if (s.populationDelays().length != TemporalProfile.DELAY_HOURS) {
            throw new IllegalArgumentException("populationDelays must have " + TemporalProfile.DELAY_HOURS + " bins");
        }
        if (s.clusters().isEmpty() || s.clusters().size() != s.clusterWeights().length) {
            throw new IllegalArgumentException("one weight per cluster, at least one cluster");
        }
        for (Cluster c : s.clusters()) {
            if (c.reads().length != HourOfWeek.COUNT)
                throw new IllegalArgumentException("cluster " + c.name() + " must have 168 bins");
        }
        TemporalModel m = new TemporalModel(
                s.population().clone(),
                s.populationDelays().clone(),
                s.alpha(),
                s.clusters(),
                s.clusterWeights(),
                s.silhouette(),
                s.delayPriorStrength());
        m.populationOpenRate = s.populationOpenRate();
        m.outcomeStrength = s.outcomeStrength();
        if (s.responseCorrection() == null || s.responseCorrection().length != HourOfWeek.COUNT)
            throw new IllegalArgumentException("responseCorrection must have 168 bins");
        m.responseCorrection = s.responseCorrection().clone();
        m.changeOdds = s.changeOdds();
        m.tuning = s.tuning() == null ? Tuning.NONE : s.tuning();
        return m;
    }

    public double[] population() {
        return population.clone();
    }

    public double[] populationSendScore() {
        return populationSendScore.clone();
    }

    public double alpha() {
        return alpha;
    }

    public List<Cluster> clusters() {
        return clusters;
    }

    /** Mean silhouette of the chosen k (NaN when too few profiles to cluster). */
    public double silhouette() {
        return silhouette;
    }

    /** Time constant (hours) of the exponential that best fits the population's response delays (weighted log-linear fit). */
    static double sinkHours(double[] delays) {
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int d = 0; d < delays.length; d++) {
            double w = delays[d];
            if (w <= 0) continue;
            double y = Math.log(w);
            sw += w;
            sx += w * d;
            sy += w * y;
            sxx += w * d * d;
            sxy += w * d * y;
        }
        double denom = sw * sxx - sx * sx;
        if (sw == 0 || denom == 0) return 6.0;
        double slope = (sw * sxy - sx * sy) / denom;
        return slope >= 0 ? 48.0 : Math.max(1.0, Math.min(48.0, -1.0 / slope));
    }

    /** Hours after which a message's chance of being noticed has dropped by 1/e, estimated from the delays. */
    public double sinkHours() {
        return sinkHours;
    }

    static double[] posterior(double[] counts, double total, double[] prior, double strength) {
        double[] out = new double[counts.length];
        double denom = total + strength;
        for (int i = 0; i < counts.length; i++) out[i] = (counts[i] + strength * prior[i]) / denom;
        return out;
    }

    static double[] convolve(double[] reads, double[] delays) {
        double[] s = new double[HourOfWeek.COUNT];
        for (int h = 0; h < HourOfWeek.COUNT; h++) {
            double acc = 0;
            for (int d = 0; d < delays.length; d++) acc += delays[d] * reads[(h + d) % HourOfWeek.COUNT];
            s[h] = acc;
        }
        return s;
    }

    /**
     * Empirical Bayes for the Dirichlet prior strength: the grid value maximising the leave-one-out pseudo-likelihood
     * of every profile's reads under its own prior. Decayed weights are rescaled to the profile's event count so that
     * "leaving one out" removes one event.
     */
    static double chooseAlpha(List<TemporalProfile> profiles, List<double[]> priors) {
        double best = ALPHA_GRID[0];
        double bestLl = Double.NEGATIVE_INFINITY;
        for (double a : ALPHA_GRID) {
            double ll = looLogLikelihood(profiles, priors, a);
            if (ll > bestLl) {
                bestLl = ll;
                best = a;
            }
        }
        return best;
    }

    /** The indexes where {@code v} is not zero, in increasing order. */
    static int[] nonZeroHours(double[] v) {
        int n = 0;
        for (double x : v) if (x != 0) n++;
        int[] out = new int[n];
        for (int h = 0, i = 0; h < v.length; h++) if (v[h] != 0) out[i++] = h;
        return out;
    }

    static double[] blocks(double[] reads) {
        double[] b = new double[BLOCKS];
        for (int h = 0; h < HourOfWeek.COUNT; h++) b[h / 4] += reads[h];
        return b;
    }

    private static double[] smoothNormalise(double[] v, double uniformShare) {
        double total = 0;
        for (double x : v) total += x;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = total > 0 ? (1 - uniformShare) * v[i] / total + uniformShare / v.length : 1.0 / v.length;
        }
        return out;
    }

    /** Index of each clustering point by identity (commons-math returns the same objects). */
    private static final class IdentityIndex {
        private final java.util.IdentityHashMap<DoublePoint, Integer> index = new java.util.IdentityHashMap<>();

        IdentityIndex(List<DoublePoint> points) {
            for (int i = 0; i < points.size(); i++) index.put(points.get(i), i);
        }

        int of(DoublePoint p) {
            return index.get(p);
        }
    }
}
