package it.attimo.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos harness at a size CI affords: 600 events for 60 customers, SIGKILLs while posting, while the clock runs
 * the journeys and after the final advance; everything reconciles. Then one event the log never saw is declared
 * answered, and the same reconciliation must report it lost.
 */
class ChaosHarnessIT {
    @TempDir
    Path data;

    @Test
    void aSmallRunWithKillsReconcilesAndAForgedLossIsCaught() throws Exception {
        ChaosHarness.Options options = new ChaosHarness.Options(600, 60, 4, 11L, 0.2, 3, data, Duration.ofMinutes(20));
        ChaosHarness harness = new ChaosHarness(options, ChaosHarness.home(), data.resolve("serve"));

        Reconciliation.Report report = harness.run();

        assertThat(report.rows()).filteredOn(r -> !r.ok()).as("failed checks").isEmpty();
        assertThat(harness.killLog).hasSizeGreaterThanOrEqualTo(4);
        assertThat(harness.acknowledged).hasSize(600);
        assertThat(harness.duplicateDeliveries.get()).isPositive();

        harness.acknowledged.put("c-chaos-00001-e99", "c-chaos-00001");
        Reconciliation.Report forged = new Reconciliation(
                        harness, ChaosHarness.home(), data.resolve("serve"), ChaosHarness.START, ChaosHarness.SECRET)
                .reconcile();
        assertThat(forged.ok()).isFalse();
        assertThat(forged.rows())
                .filteredOn(r -> r.check().startsWith("answered 202 and missing"))
                .singleElement()
                .satisfies(r -> assertThat(r.found()).isEqualTo(1));
    }
}
