package it.attimo.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.customer.Segment;
import it.attimo.core.testing.SyntheticCustomerBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClusteringTest {
    static final Instant AS_OF = Instant.parse("2026-12-01T06:00:00Z");

    @Test
    void silhouettePicksThePlantedNumberOfBlobs() {
        for (int planted : new int[] {2, 3, 5}) {
            SplittableRandom random = new SplittableRandom(planted);
            double[][] points = new double[600][2];
            int[] truth = new int[600];
            for (int i = 0; i < points.length; i++) {
                truth[i] = i % planted;
                double angle = 2 * Math.PI * truth[i] / planted;
                points[i][0] = 10 * Math.cos(angle) + random.nextDouble() - 0.5;
                points[i][1] = 10 * Math.sin(angle) + random.nextDouble() - 0.5;
            }
            double best = Double.NEGATIVE_INFINITY;
            int bestK = 0;
            for (int k = 2; k <= 8; k++) {
                KMeans.Result fit = KMeans.fit(points, k, 1);
                double s = KMeans.silhouette(new KMeans.Distances(points), fit.assignment(), k);
                if (s > best) {
                    best = s;
                    bestK = k;
                }
            }
            assertThat(bestK).as("planted " + planted).isEqualTo(planted);
            KMeans.Result fit = KMeans.fit(points, planted, 1);
            // each planted blob is one cluster
            Map<Integer, Set<Integer>> clustersPerBlob = new HashMap<>();
            for (int i = 0; i < points.length; i++)
                clustersPerBlob.computeIfAbsent(truth[i], t -> new HashSet<>()).add(fit.assignment()[i]);
            assertThat(clustersPerBlob.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        }
        assertThatThrownBy(() -> KMeans.fit(new double[][] {{0}}, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void customersOfThreeDistinctKindsFormThreeClustersDescribedInWords() {
        List<CustomerActivity> customers = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 300; i++) {
            int kind = i % 3;
            List<Order> orders = new ArrayList<>();
            List<Signal> signals = new ArrayList<>();
            int count = kind == 0 ? 12 : kind == 1 ? 2 : 1;
            for (int o = 0; o < count; o++) {
                Instant t = AS_OF.minus(Duration.ofDays(5 + o * 20L));
                String category = kind == 0 ? "Ufficio" : kind == 1 ? "Moda" : "Casa";
                double value = 90 + random.nextInt(20);
                orders.add(new Order("o" + i + "-" + o, t, value, Map.of(category, value)));
            }
            Signal.Kind channel = kind == 0 ? Signal.Kind.EMAIL : kind == 1 ? Signal.Kind.SMS : Signal.Kind.PUSH;
            for (int s = 0; s < 5; s++) signals.add(new Signal(AS_OF.minus(Duration.ofDays(s + 1)), channel, 1));
            customers.add(new CustomerActivity(
                    "c" + i,
                    null,
                    kind == 0 ? Segment.B2B : Segment.B2C,
                    kind == 0 ? "Nord-ovest" : kind == 1 ? "Sud" : "Centro",
                    kind == 0 ? 120 : -1,
                    null,
                    orders,
                    signals));
        }
        CustomerClustering.Result result = new CustomerClustering(42).cluster(customers, AS_OF);
        assertThat(result.k()).isEqualTo(3);
        assertThat(result.criterion()).isEqualTo("silhouette");
        assertThat(result.scores()).containsKeys(2, 3, 4);
        assertThat(result.scores().get(3))
                .isGreaterThan(result.scores().get(2))
                .isGreaterThan(result.scores().get(4));
        for (int i = 3; i < 300; i++) assertThat(result.assignment()[i]).isEqualTo(result.assignment()[i % 3]);
        CustomerClustering.Cluster b2b = result.clusters().stream()
                .filter(c -> c.id() == result.assignment()[0])
                .findFirst()
                .orElseThrow();
        assertThat(b2b.size()).isEqualTo(100);
        assertThat(b2b.share()).isEqualTo(0.333);
        assertThat(b2b.description()).containsAnyOf("B2B", "Ufficio", "spesso", "Nord-ovest", "email");
        assertThat(b2b.descriptionEn()).containsAnyOf("B2B", "Ufficio", "often", "Nord-ovest", "e-mail");
        assertThat(b2b.profile()).containsEntry("b2b", 1.0);
        CustomerClustering.Cluster south = result.clusters().stream()
                .filter(c -> c.id() == result.assignment()[1])
                .findFirst()
                .orElseThrow();
        assertThat(south.description()).containsAnyOf("Sud", "SMS", "Moda");
        assertThat(result.clusters())
                .extracting(CustomerClustering.Cluster::label)
                .doesNotHaveDuplicates();
    }

    @Test
    void aSeededPopulationIsClusteredDeterministicallyAndEveryClusterSaysSomething() {
        List<CustomerActivity> customers = SyntheticCustomerBase.activities(1500, 11, AS_OF);
        CustomerClustering.Result first = new CustomerClustering(7).cluster(customers, AS_OF);
        CustomerClustering.Result second = new CustomerClustering(7).cluster(customers, AS_OF);
        assertThat(first.assignment()).isEqualTo(second.assignment());
        assertThat(first.k()).isBetween(2, 8);
        assertThat(first.scores().get(first.k()))
                .isEqualTo(first.scores().values().stream().max(Double::compare).orElseThrow());
        assertThat(first.clusters()).allSatisfy(c -> {
            assertThat(c.description()).isNotBlank();
            assertThat(c.descriptionEn()).isNotBlank();
            assertThat(c.size()).isPositive();
        });
        assertThat(first.clusters().stream()
                        .mapToInt(CustomerClustering.Cluster::size)
                        .sum())
                .isEqualTo(1500);
    }

    @Test
    void tinyPopulationsAreOneClusterAndAnEmptyOneNone() {
        List<CustomerActivity> three = SyntheticCustomerBase.activities(3, 1, AS_OF);
        CustomerClustering.Result r = new CustomerClustering(1).cluster(three, AS_OF);
        assertThat(r.k()).isEqualTo(1);
        assertThat(r.assignment()).containsOnly(0);
        assertThat(new CustomerClustering(1).cluster(List.of(), AS_OF).k()).isZero();
    }
}
