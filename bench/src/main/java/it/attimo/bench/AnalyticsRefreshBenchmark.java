package it.attimo.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.analytics.AnalyticsComputation;
import it.attimo.core.analytics.AnalyticsSnapshot;
import it.attimo.core.analytics.BgNbdFitter;
import it.attimo.core.analytics.ChurnModel;
import it.attimo.core.analytics.CustomerActivity;
import it.attimo.core.analytics.CustomerClustering;
import it.attimo.core.analytics.CustomerSummary;
import it.attimo.core.analytics.PurchaseSummaries;
import it.attimo.core.json.Json;
import it.attimo.core.testing.SyntheticCustomerBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long the analytics refresh's computation takes: {@code --customers} synthetic customers (a year of orders and
 * engagement, {@link SyntheticCustomerBase}), after a warm-up on a tenth of them; the full
 * {@link AnalyticsComputation} (RFM for customers and accounts, clustering with k by silhouette, the BG/NBD fit and
 * predictions, the churn model with its time split) and the serialisation of its rows into the stored chunks, then each
 * part alone. Reading the profiles and logs from DynamoDB is not included (it is I/O-bound and measured by the ingest
 * benchmark's ceilings).
 *
 * <pre>java -Xmx1g -cp "$CP" it.attimo.bench.AnalyticsRefreshBenchmark --customers 100000 --seed 7</pre>
 */
public final class AnalyticsRefreshBenchmark {
    private AnalyticsRefreshBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> a = Args.parse(args);
        int customers = Integer.parseInt(a.getOrDefault("customers", "100000"));
        long seed = Long.parseLong(a.getOrDefault("seed", "7"));
        Instant asOf = Instant.parse(a.getOrDefault("as-of", "2026-12-01T03:00:00Z"));

        long t0 = System.nanoTime();
        List<CustomerActivity> population = SyntheticCustomerBase.activities(customers, seed, asOf);
        long orders = population.stream().mapToLong(c -> c.orders().size()).sum();
        long signals = population.stream().mapToLong(c -> c.signals().size()).sum();
        System.out.printf(
                Locale.ROOT,
                "generated %,d customers (%,d orders, %,d signals) in %d ms%n",
                customers,
                orders,
                signals,
                ms(t0));

        AnalyticsComputation computation = new AnalyticsComputation(AnalyticsComputation.Settings.defaults());
        long w = System.nanoTime();
        computation.compute(population.subList(0, Math.max(1, customers / 10)), asOf);
        System.out.printf(Locale.ROOT, "warm-up on %,d customers: %d ms%n", customers / 10, ms(w));

        System.gc();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        AnalyticsSnapshot snapshot = computation.compute(population, asOf);
        long computed = System.nanoTime();
        int chunks = 0;
        long bytes = 0;
        for (List<ObjectNode> table : List.of(snapshot.customers(), snapshot.accounts())) {
            for (int from = 0; from < table.size(); from += 500) {
                ArrayNode chunk = Json.MAPPER.createArrayNode();
                chunk.addAll(table.subList(from, Math.min(table.size(), from + 500)));
                bytes += chunk.toString().length();
                chunks++;
            }
        }
        long serialised = System.nanoTime();
        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        Runtime rt = Runtime.getRuntime();
        ObjectNode summary = snapshot.summary();
        System.out.printf(
                Locale.ROOT,
                "full refresh computation for %,d customers: %d ms wall, %d ms CPU of this thread (compute %d ms, "
                        + "serialise %d chunks / %.1f MB %d ms); heap used %d MB of max %d MB; load average %.1f%n",
                customers,
                (serialised - start) / 1_000_000,
                cpuMillis,
                (computed - start) / 1_000_000,
                chunks,
                bytes / 1e6,
                (serialised - computed) / 1_000_000,
                (rt.totalMemory() - rt.freeMemory()) >> 20,
                rt.maxMemory() >> 20,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        System.out.printf(
                Locale.ROOT,
                "  rfm: %d b2c customers, %d b2b accounts; clusters k=%d (%s); clv %s r=%.3f alpha=%.3f a=%.3f b=%.3f; "
                        + "churn %s auc=%s brier=%s%n",
                summary.path("rfm").path("b2c").path("customers").asInt(),
                summary.path("rfm").path("b2b").path("accounts").asInt(),
                summary.path("clusters").path("k").asInt(),
                summary.path("clusters").path("scores"),
                summary.path("clv").path("status").asText(),
                summary.path("clv").path("params").path("r").asDouble(),
                summary.path("clv").path("params").path("alpha").asDouble(),
                summary.path("clv").path("params").path("a").asDouble(),
                summary.path("clv").path("params").path("b").asDouble(),
                summary.path("churn").path("status").asText(),
                summary.path("churn").path("auc"),
                summary.path("churn").path("brier"));

        // the parts alone
        long p = System.nanoTime();
        List<CustomerSummary> summaries = new ArrayList<>();
        for (CustomerActivity c : population) {
            CustomerSummary s = PurchaseSummaries.of(c, asOf);
            if (s != null) summaries.add(s);
        }
        BgNbdFitter.Fit fit = new BgNbdFitter().fit(summaries);
        System.out.printf(
                Locale.ROOT,
                "  BG/NBD fit on %,d buyers: %d ms (%d likelihood evaluations)%n",
                summaries.size(),
                ms(p),
                fit.evaluations());
        p = System.nanoTime();
        CustomerClustering.Result clusters = new CustomerClustering(42).cluster(population, asOf);
        System.out.printf(
                Locale.ROOT,
                "  clustering (k=2..8 on a 3,000 sample, refine on all): %d ms, k=%d%n",
                ms(p),
                clusters.k());
        p = System.nanoTime();
        ChurnModel.Result churn = new ChurnModel(Duration.ofDays(30)).fitAndScore(population, asOf);
        System.out.printf(
                Locale.ROOT,
                "  churn model (features at 3 cutoffs, IRLS, Platt, scoring): %d ms, auc=%s%n",
                ms(p),
                churn.metrics().auc());
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
