package it.attimo.core.scoring;

import static it.attimo.core.scoring.ScoringFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One engine shared by several threads (it reuses per-thread buffers) gives each caller its own, right, result. */
class ScoringEngineConcurrencyTest {
    private static final Instant REGISTERED = Instant.parse("2026-05-12T08:00:00Z");

    @Test
    void threadsSharingAnEngineGetTheSameResultsAsOneThread() throws Exception {
        ScoringEngine engine = new ScoringEngine(ScoringPlanLoader.loadDefault());
        List<List<CustomerEvent>> logs = new ArrayList<>();
        for (int c = 0; c < 64; c++) {
            List<CustomerEvent> log = new ArrayList<>();
            log.add(event("r" + c, "account.registered", REGISTERED));
            log.add(event(
                    "p" + c, "form.completed", REGISTERED.plusSeconds(100 + c), "formId", "profile", "errors", c % 2));
            if (c % 3 != 0)
                log.add(event("v" + c, "video.watched", REGISTERED.plusSeconds(150 + c * 3L), "videoId", "guide"));
            for (int d = 0; d < c % 7; d++)
                log.add(event("d" + c + "-" + d, "content.downloaded", REGISTERED.plusSeconds(600 + d * 60L)));
            logs.add(log);
        }
        Instant at = REGISTERED.plusSeconds(3600);
        List<ScoreResult> expected = new ArrayList<>();
        for (List<CustomerEvent> log : logs) expected.add(engine.score(log, at));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ScoreResult>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<ScoreResult> mine = new ArrayList<>();
                    for (int round = 0; round < 50; round++) {
                        for (List<CustomerEvent> log : logs) mine.add(engine.score(log, at));
                    }
                    return mine;
                }));
            }
            for (Future<List<ScoreResult>> f : futures) {
                List<ScoreResult> results = f.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < results.size(); i++) {
                    assertThat(results.get(i)).isEqualTo(expected.get(i % logs.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aResultStaysIntactAfterTheNextScoreOnTheSameThread() {
        ScoringEngine engine = new ScoringEngine(ScoringPlanLoader.loadDefault());
        List<CustomerEvent> first = List.of(
                event("a", "account.registered", REGISTERED),
                event("b", "form.completed", REGISTERED.plusSeconds(60), "formId", "profile", "errors", 0));
        ScoreResult kept = engine.score(first, REGISTERED.plusSeconds(500));
        List<ScoreContribution> copy = List.copyOf(kept.breakdown());

        engine.score(List.of(event("x", "form.abandoned", REGISTERED)), REGISTERED.plusSeconds(10));

        assertThat(kept.breakdown()).isEqualTo(copy);
        assertThat(kept.score()).isEqualTo(30.0);
    }
}
