package it.attimo.core.analytics;

import it.attimo.core.geo.MacroArea;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Clusters customers on seed 003's three axes, each given the same total weight: characteristics (b2b, macro-area,
 * company size), behaviour (orders, spend, seasonality, channel of engagement, engagement, cross-selling) and products
 * (share of spend per category, the most bought categories). Features are standardised, k-means runs for k = 2..8 on
 * a deterministic sample and k is the one with the highest mean silhouette on it; the chosen k is then refined on
 * every customer. Each cluster is described by the traits where it departs most from the population, in Italian and
 * English. Payment punctuality, also named by the seed, is absent: no event carries payments.
 */
public final class CustomerClustering {
    public static final String CRITERION = "silhouette";
    static final int MAX_K = 8;
    static final int SAMPLE = 3000;
    static final int SILHOUETTE_SAMPLE = 1500;
    static final int TOP_CATEGORIES = 6;
    private static final double NOTABLE = 0.25;
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final List<String> AREAS = java.util.Arrays.stream(MacroArea.values())
            .map(MacroArea::istatName)
            .toList();

    /** One cluster: its number, members, share, traits (Italian and English) and mean profile. */
    public record Cluster(
            int id,
            int size,
            double share,
            String label,
            String labelEn,
            String description,
            String descriptionEn,
            Map<String, Double> profile) {}

    /** The clustering: k, how it was chosen, the clusters, and each input customer's cluster (input order). */
    public record Result(
            int k, String criterion, Map<Integer, Double> scores, List<Cluster> clusters, int[] assignment) {}

    private final long seed;

    public CustomerClustering(long seed) {
        this.seed = seed;
    }

    public Result cluster(List<CustomerActivity> customers, Instant asOf) {
        int n = customers.size();
        if (n == 0) return new Result(0, CRITERION, Map.of(), List.of(), new int[0]);
        List<String> categories = topCategories(customers);
        Features features = new Features(categories);
        double[][] raw = new double[n][];
        for (int i = 0; i < n; i++) raw[i] = features.of(customers.get(i), asOf);
        double[][] distanceView = new double[n][];
        for (int i = 0; i < n; i++) distanceView[i] = features.forDistance(raw[i]);
        double[][] points = standardise(distanceView, features.axisOfColumn());
        int[] assignment;
        Map<Integer, Double> scores = new LinkedHashMap<>();
        int k;
        if (n < 4) {
            k = 1;
            assignment = new int[n];
        } else {
            double[][] sample = sample(points);
            double[][] silhouetteSample = java.util.Arrays.copyOf(sample, Math.min(sample.length, SILHOUETTE_SAMPLE));
            KMeans.Distances silhouetteDistances = new KMeans.Distances(silhouetteSample);
            // each k is fitted from its own seed: the candidates run in parallel and are judged in order of k
            List<Candidate> candidates = java.util.stream.IntStream.rangeClosed(2, Math.min(MAX_K, sample.length - 1))
                    .parallel()
                    .mapToObj(kk -> {
                        KMeans.Result fit = KMeans.fit(sample, kk, seed + kk);
                        int[] labels = new int[silhouetteSample.length];
                        for (int i = 0; i < labels.length; i++)
                            labels[i] = KMeans.nearest(fit.centroids(), silhouetteSample[i]);
                        return new Candidate(kk, fit, KMeans.silhouette(silhouetteDistances, labels, kk));
                    })
                    .toList();
            KMeans.Result bestFit = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (Candidate c : candidates) {
                scores.put(c.k(), Math.round(c.silhouette() * 10_000) / 10_000.0);
                if (c.silhouette() > bestScore + 1e-9) {
                    bestScore = c.silhouette();
                    bestFit = c.fit();
                }
            }
            KMeans.Result refined = KMeans.refine(points, bestFit.centroids());
            k = refined.k();
            assignment = refined.assignment();
        }
        return new Result(k, CRITERION, scores, describe(raw, assignment, k, features), assignment);
    }

    private record Candidate(int k, KMeans.Result fit, double silhouette) {}

    private double[][] sample(double[][] points) {
        if (points.length <= SAMPLE) {
            double[][] copy = points.clone();
            shuffle(copy, new SplittableRandom(seed));
            return copy;
        }
        double[][] copy = points.clone();
        shuffle(copy, new SplittableRandom(seed));
        return java.util.Arrays.copyOf(copy, SAMPLE);
    }

    private static void shuffle(double[][] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double[] t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** z-scores, each axis then scaled by 1/sqrt(its columns) so that the three axes weigh the same. */
    static double[][] standardise(double[][] raw, int[] axisOfColumn) {
        int n = raw.length;
        int d = raw[0].length;
        int[] columnsPerAxis = new int[3];
        for (int axis : axisOfColumn) columnsPerAxis[axis]++;
        double[][] out = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : raw) mean += row[j];
            mean /= n;
            double var = 0;
            for (double[] row : raw) var += (row[j] - mean) * (row[j] - mean);
            double sd = Math.sqrt(var / n);
            double weight = 1 / Math.sqrt(columnsPerAxis[axisOfColumn[j]]);
            for (int i = 0; i < n; i++) out[i][j] = sd == 0 ? 0 : (raw[i][j] - mean) / sd * weight;
        }
        return out;
    }

    static List<String> topCategories(List<CustomerActivity> customers) {
        Map<String, Double> spend = new HashMap<>();
        for (CustomerActivity c : customers) {
            for (Order o : c.orders()) o.categorySpend().forEach((cat, v) -> spend.merge(cat, v, Double::sum));
        }
        return spend.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_CATEGORIES)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The raw (interpretable) feature columns and the axis each belongs to: 0 characteristics, 1 behaviour, 2 products. */
    static final class Features {
        final List<String> categories;
        final List<String> names = new ArrayList<>();
        final List<Integer> axes = new ArrayList<>();

        Features(List<String> categories) {
            this.categories = categories;
            add("b2b", 0);
            for (String area : AREAS) add("area:" + area, 0);
            add("size", 0);
            add("orders", 1);
            add("spend", 1);
            add("seasonality", 1);
            add("email", 1);
            add("sms", 1);
            add("push", 1);
            add("engagement", 1);
            add("crossSelling", 1);
            for (String c : categories) add("category:" + c, 2);
            add("category:*", 2);
        }

        private void add(String name, int axis) {
            names.add(name);
            axes.add(axis);
        }

        int[] axisOfColumn() {
            return axes.stream().mapToInt(Integer::intValue).toArray();
        }

        double[] of(CustomerActivity c, Instant asOf) {
            double[] f = new double[names.size()];
            int i = 0;
            f[i++] = c.b2b() ? 1 : 0;
            for (String area : AREAS) f[i++] = area.equalsIgnoreCase(c.macroArea()) ? 1 : 0;
            f[i++] = c.employees() < 0 ? 0 : sizeRank(c.employees()) / 4.0;
            List<Order> orders = c.ordersBefore(asOf.plusNanos(1));
            f[i++] = orders.size();
            double spend = 0;
            Map<String, Double> byCategory = new HashMap<>();
            int[] quarters = new int[4];
            for (Order o : orders) {
                spend += o.total();
                o.categorySpend().forEach((cat, v) -> byCategory.merge(cat, v, Double::sum));
                quarters[(o.time().atZone(ROME).getMonthValue() - 1) / 3]++;
            }
            f[i++] = spend;
            int peak = 0;
            for (int q : quarters) peak = Math.max(peak, q);
            f[i++] = orders.size() < 2 ? 0 : (double) peak / orders.size();
            int email = 0;
            int sms = 0;
            int push = 0;
            int engagements = 0;
            for (Signal s : c.signals()) {
                if (s.time().isAfter(asOf)) break;
                if (!s.kind().engagement()) continue;
                engagements++;
                if (s.kind() == Signal.Kind.EMAIL) email++;
                if (s.kind() == Signal.Kind.SMS) sms++;
                if (s.kind() == Signal.Kind.PUSH) push++;
            }
            int channelled = email + sms + push;
            f[i++] = channelled == 0 ? 0 : (double) email / channelled;
            f[i++] = channelled == 0 ? 0 : (double) sms / channelled;
            f[i++] = channelled == 0 ? 0 : (double) push / channelled;
            f[i++] = engagements;
            f[i++] = byCategory.size();
            double categorised = byCategory.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            double listed = 0;
            for (String cat : categories) {
                double share = categorised == 0 ? 0 : byCategory.getOrDefault(cat, 0.0) / categorised;
                listed += share;
                f[i++] = share;
            }
            f[i++] = categorised == 0 ? 0 : Math.max(0, 1 - listed);
            return f;
        }

        /** What the distance sees: counts and amounts on a log scale, shares as they are. */
        double[] forDistance(double[] raw) {
            double[] out = raw.clone();
            for (String name : List.of("orders", "spend", "engagement", "crossSelling")) {
                int j = names.indexOf(name);
                out[j] = Math.log1p(out[j]);
            }
            return out;
        }
    }

    static int sizeRank(int employees) {
        if (employees < 10) return 1;
        if (employees < 50) return 2;
        if (employees < 250) return 3;
        return 4;
    }

    // ---- descriptions ----

    private static List<Cluster> describe(double[][] raw, int[] assignment, int k, Features features) {
        int n = raw.length;
        int d = raw[0].length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] row : raw) for (int j = 0; j < d; j++) mean[j] += row[j] / n;
        for (double[] row : raw) for (int j = 0; j < d; j++) sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
        for (int j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]);
        double[][] clusterMean = new double[k][d];
        int[] sizes = new int[k];
        for (int i = 0; i < n; i++) {
            sizes[assignment[i]]++;
            for (int j = 0; j < d; j++) clusterMean[assignment[i]][j] += raw[i][j];
        }
        List<Cluster> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (sizes[c] == 0) continue;
            for (int j = 0; j < d; j++) clusterMean[c][j] /= sizes[c];
            List<Trait> traits = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                if (sd[j] == 0) continue;
                double effect = (clusterMean[c][j] - mean[j]) / sd[j];
                Trait t = Trait.of(features.names.get(j), effect);
                if (t != null && Math.abs(effect) >= NOTABLE) traits.add(t);
            }
            traits.sort(Comparator.comparingDouble((Trait t) -> -Math.abs(t.effect())));
            List<Trait> top = traits.subList(0, Math.min(3, traits.size()));
            String it = top.isEmpty()
                    ? "nella media della base clienti"
                    : String.join(", ", top.stream().map(Trait::italian).toList());
            String en = top.isEmpty()
                    ? "close to the customer-base average"
                    : String.join(", ", top.stream().map(Trait::english).toList());
            Map<String, Double> profile = new LinkedHashMap<>();
            for (int j = 0; j < d; j++) profile.put(features.names.get(j), round(clusterMean[c][j]));
            out.add(new Cluster(
                    c,
                    sizes[c],
                    round((double) sizes[c] / n),
                    capitalise(top.isEmpty() ? it : top.get(0).italian()),
                    capitalise(top.isEmpty() ? en : top.get(0).english()),
                    capitalise(it),
                    capitalise(en),
                    profile));
        }
        return out;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** A feature where a cluster departs from the population, in words. */
    record Trait(double effect, String italian, String english) {
        static Trait of(String feature, double effect) {
            boolean high = effect > 0;
            if (feature.startsWith("area:")) {
                String area = feature.substring(5);
                return high ? new Trait(effect, "concentrati nel " + area, "concentrated in the " + area) : null;
            }
            if (feature.equals("category:*")) {
                return high ? new Trait(effect, "acquistano categorie minori", "buy niche categories") : null;
            }
            if (feature.startsWith("category:")) {
                String cat = feature.substring(9);
                return high ? new Trait(effect, "spendono soprattutto in " + cat, "spend mostly on " + cat) : null;
            }
            return switch (feature) {
                case "b2b" ->
                    high
                            ? new Trait(effect, "soprattutto aziende (B2B)", "mostly businesses (B2B)")
                            : new Trait(effect, "soprattutto consumatori (B2C)", "mostly consumers (B2C)");
                case "size" -> high ? new Trait(effect, "aziende più grandi", "larger companies") : null;
                case "orders" ->
                    high
                            ? new Trait(effect, "acquistano spesso", "buy often")
                            : new Trait(effect, "acquistano di rado", "buy rarely");
                case "spend" ->
                    high
                            ? new Trait(effect, "spesa alta", "high spend")
                            : new Trait(effect, "spesa bassa", "low spend");
                case "seasonality" ->
                    high ? new Trait(effect, "acquisti concentrati in una stagione", "seasonal buyers") : null;
                case "email" -> high ? new Trait(effect, "rispondono via email", "respond by e-mail") : null;
                case "sms" -> high ? new Trait(effect, "rispondono via SMS", "respond by SMS") : null;
                case "push" -> high ? new Trait(effect, "rispondono alle notifiche push", "respond to push") : null;
                case "engagement" ->
                    high
                            ? new Trait(effect, "molto coinvolti", "highly engaged")
                            : new Trait(effect, "poco coinvolti", "little engaged");
                case "crossSelling" ->
                    high
                            ? new Trait(effect, "comprano in più categorie (cross-selling)", "buy across categories")
                            : null;
                default -> null;
            };
        }
    }
}
