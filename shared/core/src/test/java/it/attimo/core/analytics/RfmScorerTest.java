package it.attimo.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.testing.SyntheticCustomerBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RfmScorerTest {
    @Test
    void distinctValuesSplitIntoFiveEqualQuintilesWithTheRecentTheFrequentAndTheBigSpendersOnTop() {
        List<RfmScorer.Input> inputs = new ArrayList<>();
        for (int i = 0; i < 100; i++) inputs.add(new RfmScorer.Input("c" + i, 100 - i, i + 1, i * 10.0));
        List<RfmScorer.Score> scores = RfmScorer.score(inputs);
        Map<Integer, Long> perR =
                scores.stream().collect(Collectors.groupingBy(RfmScorer.Score::r, Collectors.counting()));
        Map<Integer, Long> perF =
                scores.stream().collect(Collectors.groupingBy(RfmScorer.Score::f, Collectors.counting()));
        assertThat(perR)
                .containsOnlyKeys(1, 2, 3, 4, 5)
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(20));
        assertThat(perF).allSatisfy((k, v) -> assertThat(v).isEqualTo(20));
        // c99: bought 1 day ago, 100 orders, the most money
        assertThat(scores.get(99).code()).isEqualTo("555");
        assertThat(scores.get(99).segment()).isEqualTo(RfmSegment.CAMPIONI);
        assertThat(scores.get(0).code()).isEqualTo("111");
        assertThat(scores.get(0).segment()).isEqualTo(RfmSegment.PERSI);
    }

    @Test
    void tiesShareOneQuintile() {
        List<RfmScorer.Input> inputs = new ArrayList<>();
        for (int i = 0; i < 60; i++) inputs.add(new RfmScorer.Input("one" + i, 10, 1, 50));
        for (int i = 0; i < 40; i++) inputs.add(new RfmScorer.Input("more" + i, 10, 2 + i, 50));
        List<RfmScorer.Score> scores = RfmScorer.score(inputs);
        assertThat(scores.subList(0, 60)).extracting(RfmScorer.Score::f).containsOnly(2);
        assertThat(scores.subList(0, 60)).extracting(RfmScorer.Score::r).containsOnly(3);
        assertThat(scores.get(99).f()).isEqualTo(5);
        assertThat(RfmScorer.score(List.of(new RfmScorer.Input("alone", 3, 1, 10)))
                        .get(0)
                        .code())
                .isEqualTo("333");
    }

    @Test
    void everyScoreCombinationHasExactlyOneNamedSegment() {
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) assertThat(RfmSegment.of(r, f, m)).isNotNull();
            }
        }
        assertThat(RfmSegment.of(5, 5, 5)).isEqualTo(RfmSegment.CAMPIONI);
        assertThat(RfmSegment.of(5, 5, 1)).isEqualTo(RfmSegment.FEDELI);
        assertThat(RfmSegment.of(1, 5, 5)).isEqualTo(RfmSegment.DA_NON_PERDERE);
        assertThat(RfmSegment.of(2, 3, 1)).isEqualTo(RfmSegment.A_RISCHIO);
        assertThat(RfmSegment.of(4, 2, 1)).isEqualTo(RfmSegment.POTENZIALI_FEDELI);
        assertThat(RfmSegment.of(5, 1, 1)).isEqualTo(RfmSegment.NUOVI);
        assertThat(RfmSegment.of(4, 1, 1)).isEqualTo(RfmSegment.PROMETTENTI);
        assertThat(RfmSegment.of(3, 3, 3)).isEqualTo(RfmSegment.DA_COLTIVARE);
        assertThat(RfmSegment.of(3, 1, 5)).isEqualTo(RfmSegment.DA_RISVEGLIARE);
        assertThat(RfmSegment.of(2, 2, 5)).isEqualTo(RfmSegment.IN_LETARGO);
        assertThat(RfmSegment.of(1, 1, 1)).isEqualTo(RfmSegment.PERSI);
        assertThat(RfmSegment.find("A rischio")).isEqualTo(RfmSegment.A_RISCHIO);
        assertThat(RfmSegment.find("at risk")).isEqualTo(RfmSegment.A_RISCHIO);
        assertThat(RfmSegment.find("da-risvegliare")).isEqualTo(RfmSegment.DA_RISVEGLIARE);
        assertThat(RfmSegment.find("CAMPIONI")).isEqualTo(RfmSegment.CAMPIONI);
        assertThat(RfmSegment.find("nope")).isNull();
        assertThat(RfmSegment.find(null)).isNull();
    }

    @Test
    void onASeededPopulationChampionsAreRecentFrequentBuyersAndTheLostAreNot() {
        Instant asOf = Instant.parse("2026-12-01T06:00:00Z");
        AnalyticsSnapshot snapshot = new AnalyticsComputation(AnalyticsComputation.Settings.defaults())
                .compute(SyntheticCustomerBase.activities(2000, 3, asOf), asOf);
        List<com.fasterxml.jackson.databind.node.ObjectNode> scored = snapshot.customers().stream()
                .filter(r -> r.has("rfm") && "b2c".equals(r.path("segment").asText()))
                .toList();
        assertThat(scored).hasSizeGreaterThan(1000);
        double championsRecency = mean(scored, "campioni", "recencyDays");
        double lostRecency = mean(scored, "persi", "recencyDays");
        assertThat(championsRecency).isLessThan(lostRecency);
        assertThat(mean(scored, "campioni", "frequency")).isGreaterThan(mean(scored, "persi", "frequency"));
        // the summary counts add up to the scored customers and every named segment is listed
        int sum = 0;
        for (var s : snapshot.summary().path("rfm").path("b2c").path("segments"))
            sum += s.path("count").asInt();
        assertThat(sum).isEqualTo(scored.size());
        assertThat(snapshot.summary().path("rfm").path("b2c").path("segments")).hasSize(RfmSegment.values().length);
        // b2b: accounts of several contacts, contract value = their orders together
        assertThat(snapshot.accounts()).isNotEmpty();
        assertThat(snapshot.accounts())
                .anySatisfy(a -> assertThat(a.path("customers").asInt()).isGreaterThan(1));
        int b2bAccounts =
                snapshot.summary().path("rfm").path("b2b").path("accounts").asInt();
        assertThat(b2bAccounts).isEqualTo(snapshot.accounts().size());
    }

    private static double mean(
            List<com.fasterxml.jackson.databind.node.ObjectNode> rows, String segment, String field) {
        return rows.stream()
                .filter(r -> segment.equals(r.path("rfm").path("segment").asText()))
                .mapToDouble(r -> r.path("rfm").path(field).asDouble())
                .average()
                .orElseThrow();
    }
}
