package it.attimo.core.scoring;

import static it.attimo.core.scoring.ScoringFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.event.CustomerEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringPlanLoaderTest {
    private static final Instant T0 = Instant.parse("2026-05-12T08:00:00Z");

    @Test
    void theDefaultPlanLoadsFromTheClasspath() {
        ScoringPlan plan = ScoringPlanLoader.loadDefault();

        assertThat(plan.sourceName()).isEqualTo(ScoringPlanLoader.DEFAULT_RESOURCE);
        assertThat(plan.ruleIds())
                .contains(
                        "profile-completed",
                        "guide-video-after-profile",
                        "first-module-fast",
                        "first-module-slow",
                        "form-abandoned",
                        "content-downloaded");
        assertThat(plan.groupNames()).contains("guide-video", "engagement");
    }

    @Test
    void aConfiguredPlanFileReplacesTheDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my-plan.json");
        Files.writeString(file, """
                {"plan": "replacement", "tiers": [{"name": "good", "min": 1}, {"name": "rest"}],
                 "rules": [{"id": "only", "kind": "points", "when": {"type": "form.completed"}, "points": 7}]}
                """);
        List<CustomerEvent> log = List.of(event("a", "form.completed", T0, "formId", "profile", "errors", 0));

        ScoringPlan plan = ScoringPlanLoader.loadOrDefault(file.toString());
        ScoreResult r = new ScoringEngine(plan).score(log, T0);

        assertThat(plan.name()).isEqualTo("replacement");
        assertThat(plan.ruleIds()).containsExactly("only");
        assertThat(r.score()).isEqualTo(7);
        assertThat(r.tier()).isEqualTo("good");
        assertThat(ScoringPlanLoader.loadOrDefault(" ").name()).isEqualTo("b2b-onboarding-72h");
    }

    @Test
    void anInvalidConfiguredFileNamesItselfInTheError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, """
                {"plan": "broken", "tiers": [{"name": "all"}], "rules": [{"id": "r", "kind": "points", "points": 1}]}
                """);

        assertThatThrownBy(() -> ScoringPlanLoader.load(file))
                .isInstanceOf(ScoringPlanException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("rule 'r', field 'when'");
    }
}
