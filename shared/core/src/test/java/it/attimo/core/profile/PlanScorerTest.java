package it.attimo.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.CustomerEvent;
import it.attimo.core.scoring.ScoringEngine;
import it.attimo.core.scoring.ScoringPlanLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanScorerTest {
    private static final Instant T0 = Instant.parse("2026-06-10T08:00:00Z");
    private final ScoringEngine engine = new ScoringEngine(ScoringPlanLoader.loadDefault());
    private final PlanScorer scorer = new PlanScorer(engine);

    private static CustomerEvent event(String id, String type, long secondsAfterT0, Map<String, Object> data) {
        return CustomerEvent.of(id, type, "c-1", T0.plusSeconds(secondsAfterT0), data);
    }

    @Test
    void aTierThatDecayAloneWillLeaveIsReScoredWhenItDoes() {
        // -15 for the abandoned form, +20 of decaying engagement (capped): cooling at +5, at-risk once 5 points fade
        List<CustomerEvent> history = List.of(
                event("e1", "form.abandoned", 0, Map.of("formId", "profile")),
                event("e2", "content.downloaded", 10, Map.of()),
                event("e3", "content.downloaded", 20, Map.of()),
                event("e4", "support.contacted", 30, Map.of()),
                event("e5", "support.contacted", 40, Map.of()),
                event("e6", "portal.accessed", 50, Map.of()),
                event("e7", "portal.accessed", 60, Map.of()));
        Instant now = T0.plusSeconds(60);

        Scorer.Score score = scorer.score(history, now);

        assertThat(score.tier()).isEqualTo("cooling");
        assertThat(engine.score(history, now).nextDeadline())
                .as("no timed rule is pending")
                .isEmpty();
        Instant rescore = score.nextDeadline().orElseThrow();
        assertThat(rescore).isAfter(now).isBefore(now.plus(Duration.ofDays(1)));
        assertThat(engine.score(history, rescore).tier()).isEqualTo("at-risk");
        assertThat(engine.score(history, rescore.minusSeconds(1)).tier()).isEqualTo("cooling");
    }

    @Test
    void withoutDecayTheNextDeadlineStands() {
        List<CustomerEvent> history = List.of(event("e1", "account.registered", 0, Map.of()));

        Scorer.Score score = scorer.score(history, T0);

        assertThat(score.nextDeadline()).contains(T0.plus(Duration.ofHours(2)));
    }
}
