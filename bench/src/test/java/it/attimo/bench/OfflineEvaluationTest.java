package it.attimo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OfflineEvaluationTest {
    @Test
    void offlineEvaluationRanksMethods() {
        OfflineEvaluation.Report r = OfflineEvaluation.run(2000, 8, 3);
        double fixed = r.result("fixed Tuesday 10:00").expectedOpenRate();
        double pop = r.result("population best hour").expectedOpenRate();
        double shrunk = r.result("shrunk model").expectedOpenRate();
        double oracle = r.result("oracle").expectedOpenRate();
        assertThat(shrunk).isGreaterThan(pop).isGreaterThan(fixed).isLessThan(oracle);
        assertThat(r.table()).contains("shrunk model");
    }
}
