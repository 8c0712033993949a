package it.attimo.local.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsageAssumptionsTest {
    @Test
    void theBundledFileCarriesTheLoadGeneratorsMeasuredCallsAndAProfilePerJourneyAction() {
        UsageAssumptions usage = UsageAssumptions.bundled();
        assertThat(usage.getItemsPerEvent()).isEqualTo(2.0);
        assertThat(usage.putItemsPerEvent()).isEqualTo(2.0);
        assertThat(usage.queriesPerEvent()).isEqualTo(2.1);
        assertThat(usage.journeyTasks())
                .containsKeys("plan", "dispatch", "park", "complete", "evaluate", "progress", "timeline", "task");
        assertThat(usage.task("dispatch").sendsMessage()).isTrue();
        assertThat(usage.task("plan").sendsMessage()).isFalse();
        assertThat(usage.task("no-such-action")).isEqualTo(usage.task("default"));
        assertThat(usage.task(null)).isEqualTo(usage.task("default"));
    }

    @Test
    void aNumberWithoutItsCommentIsRefusedByName() {
        String noComment = CostFixtures.USAGE.replaceFirst(
                "\"ingestDurationMs\": \\{\"value\": 100.0, \"comment\": \"test\"}",
                "\"ingestDurationMs\": {\"value\": 100}");
        assertThatThrownBy(() -> UsageAssumptions.parse(noComment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events.ingestDurationMs needs a comment");
    }

    @Test
    void loopPassesMustBeAWholeNumberOfAtLeastOne() {
        String zero =
                CostFixtures.USAGE.replaceFirst("\"loopPasses\": \\{\"value\": 1.0", "\"loopPasses\": {\"value\": 0");
        assertThatThrownBy(() -> UsageAssumptions.parse(zero))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path.loopPasses");
    }
}
