package it.attimo.core.scoring;

import static it.attimo.core.scoring.ScoringFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Timed-rule windows are elapsed time: a 3 h window is 3 h of real time even when Europe/Rome's clocks jump,
 * so its wall-clock length there is 4 h (spring) or 2 h (autumn).
 */
class ScoringDeadlinesAcrossDstTest {
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private final ScoringEngine engine = new ScoringEngine(ScoringFixtures.planWithRules("", """
            {"id": "three-hours", "kind": "timedPair", "first": {"type": "account.registered"},
             "then": {"type": "portal.accessed"}, "within": "PT3H", "inTime": 5, "missed": -10}
            """));

    @Test
    void springForward() {
        Instant start = Instant.parse("2026-03-29T00:30:00Z"); // 01:30 CET; clocks jump 02:00 → 03:00
        List<CustomerEvent> log = List.of(event("r", "account.registered", start));

        ScoreResult r = engine.score(log, start.plusSeconds(60));

        assertThat(r.nextDeadline()).contains(Instant.parse("2026-03-29T03:30:00Z"));
        assertThat(ZonedDateTime.ofInstant(r.nextDeadline().orElseThrow(), ROME).toLocalTime())
                .hasToString("05:30");
        assertThat(engine.score(log, Instant.parse("2026-03-29T03:29:59Z")).score())
                .isZero();
        assertThat(engine.score(log, Instant.parse("2026-03-29T03:30:00Z")).score())
                .isEqualTo(-10);
        assertThat(engine.score(
                                List.of(
                                        log.get(0),
                                        event("p", "portal.accessed", Instant.parse("2026-03-29T03:30:00Z"))),
                                Instant.parse("2026-03-29T06:00:00Z"))
                        .score())
                .isEqualTo(5);
    }

    @Test
    void fallBack() {
        Instant start = Instant.parse("2026-10-25T00:30:00Z"); // 02:30 CEST; clocks go back 03:00 → 02:00
        List<CustomerEvent> log = List.of(event("r", "account.registered", start));

        ScoreResult r = engine.score(log, start);

        assertThat(r.nextDeadline()).contains(Instant.parse("2026-10-25T03:30:00Z"));
        assertThat(ZonedDateTime.ofInstant(r.nextDeadline().orElseThrow(), ROME).toLocalTime())
                .hasToString("04:30");
        assertThat(engine.score(log, Instant.parse("2026-10-25T03:29:59Z")).score())
                .isZero();
        assertThat(engine.score(log, Instant.parse("2026-10-25T03:30:00Z")).score())
                .isEqualTo(-10);
        assertThat(engine.tierChanges(log, start, Instant.parse("2026-10-25T12:00:00Z")))
                .extracting(TierChange::at)
                .containsExactly(Instant.parse("2026-10-25T03:30:00Z"));
    }
}
