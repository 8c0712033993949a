package it.attimo.core.scoring;

import static it.attimo.core.scoring.ScoringFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The score is a pure fold of the log: order of arrival, duplicates and late events are handled by the fold. */
class ScoringFoldOrderTest {
    private static final Instant REGISTERED = Instant.parse("2026-05-12T08:00:00Z");
    private final ScoringEngine engine = new ScoringEngine(ScoringPlanLoader.loadDefault());

    private final CustomerEvent registered = event("e1", "account.registered", REGISTERED);
    private final CustomerEvent profile =
            event("e2", "form.completed", REGISTERED.plusSeconds(300), "formId", "profile", "errors", 0);
    private final CustomerEvent video = event("e3", "video.watched", REGISTERED.plusSeconds(360), "videoId", "guide");
    private final CustomerEvent download = event("e4", "content.downloaded", REGISTERED.plusSeconds(400));
    private final Instant at = REGISTERED.plusSeconds(1000);

    @Test
    void arrivalOrderDoesNotMatter() {
        List<CustomerEvent> inOrder = List.of(registered, profile, video, download);
        ScoreResult expected = engine.score(inOrder, at);
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            List<CustomerEvent> shuffled = new ArrayList<>(inOrder);
            Collections.shuffle(shuffled, random);
            assertThat(engine.score(shuffled, at)).isEqualTo(expected);
        }
        assertThat(engine.score(new LinkedList<>(List.of(download, video, profile, registered)), at))
                .isEqualTo(expected);
        assertThat(expected.score()).isEqualTo(45 + 5 * Math.pow(0.5, 600.0 / 86400));
    }

    @Test
    void shufflingAndRedeliveringRandomLogsNeverChangesTheResult() {
        Random random = new Random(2026);
        String[] types = {
            "account.registered",
            "portal.accessed",
            "form.started",
            "form.completed",
            "form.abandoned",
            "video.watched",
            "content.downloaded",
            "support.contacted",
            "email.clicked",
            "email.opened"
        };
        String[] forms = {"first-module", "profile", "other"};
        for (int run = 0; run < 200; run++) {
            List<CustomerEvent> log = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(30); i++) {
                Instant t = REGISTERED.plusSeconds(random.nextInt(4 * 3600));
                String type = types[random.nextInt(types.length)];
                log.add(event(
                        "r" + run + "-" + i,
                        type,
                        t,
                        "formId",
                        forms[random.nextInt(forms.length)],
                        "durationSeconds",
                        random.nextInt(200),
                        "errors",
                        random.nextInt(2),
                        "videoId",
                        "guide"));
            }
            Instant evaluatedAt = REGISTERED.plusSeconds(random.nextInt(5 * 3600));
            ScoreResult expected = engine.score(log, evaluatedAt);

            List<CustomerEvent> messy = new ArrayList<>(log);
            for (int d = 0; d < 5; d++) messy.add(log.get(random.nextInt(log.size())));
            Collections.shuffle(messy, random);

            assertThat(engine.score(messy, evaluatedAt)).as("run %d", run).isEqualTo(expected);
            assertThat(expected.score())
                    .as("run %d: score is the sum of the breakdown", run)
                    .isCloseTo(
                            expected.breakdown().stream()
                                    .mapToDouble(ScoreContribution::points)
                                    .sum(),
                            org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void everyReportedTierChangeMatchesTheScoreAtThatInstant() {
        Random random = new Random(72);
        for (int run = 0; run < 50; run++) {
            List<CustomerEvent> log = new ArrayList<>();
            log.add(event("reg", "account.registered", REGISTERED));
            for (int i = 0; i < 10; i++) {
                Instant t = REGISTERED.plusSeconds(random.nextInt(3 * 3600));
                String type = random.nextBoolean()
                        ? "form.completed"
                        : random.nextBoolean() ? "form.abandoned" : "content.downloaded";
                log.add(event(
                        "e" + i,
                        type,
                        t,
                        "formId",
                        random.nextBoolean() ? "first-module" : "profile",
                        "durationSeconds",
                        random.nextInt(200),
                        "errors",
                        0));
            }
            Instant to = REGISTERED.plusSeconds(6 * 3600);
            String tier = engine.score(log, REGISTERED).tier();
            for (TierChange change : engine.tierChanges(log, REGISTERED, to)) {
                assertThat(change.fromTier()).as("run %d", run).isEqualTo(tier);
                if (change.ruleId() != null) {
                    ScoreResult atChange = engine.score(log, change.at());
                    assertThat(atChange.tier())
                            .as("run %d at %s", run, change.at())
                            .isEqualTo(change.toTier());
                    assertThat(atChange.score()).isCloseTo(change.score(), org.assertj.core.data.Offset.offset(1e-9));
                }
                tier = change.toTier();
            }
            assertThat(engine.score(log, to).tier())
                    .as("run %d: last change leads to the final tier", run)
                    .isEqualTo(tier);
        }
    }

    @Test
    void aDuplicateChangesNothing() {
        ScoreResult once = engine.score(List.of(registered, profile, video), at);
        CustomerEvent redelivered =
                event("e2", "form.completed", REGISTERED.plusSeconds(300), "formId", "profile", "errors", 0);

        assertThat(engine.score(List.of(registered, profile, video, redelivered, video), at))
                .isEqualTo(once);
    }

    @Test
    void aDuplicateIdWithAnotherTimeCountsOnceAtItsEarliestTime() {
        CustomerEvent sameIdLater = event("e4", "content.downloaded", REGISTERED.plusSeconds(900));

        ScoreResult r = engine.score(List.of(registered, sameIdLater, download), at);

        assertThat(r.breakdown())
                .filteredOn(c -> "e4".equals(c.eventId()))
                .hasSize(1)
                .first()
                .extracting(ScoreContribution::at)
                .isEqualTo(download.time());
    }

    @Test
    void aLateEventRecomputesTheFold() {
        List<CustomerEvent> withoutVideo = List.of(registered, profile);
        assertThat(engine.score(withoutVideo, at).score()).isEqualTo(30.0);

        // the video happened in time but arrived after the deadline: the fold simply has it now
        assertThat(engine.score(List.of(registered, profile, video), at).score())
                .isEqualTo(45.0);
    }

    @Test
    void eventsAfterTheEvaluationInstantAreIgnored() {
        ScoreResult r = engine.score(List.of(registered, profile, video, download), REGISTERED.plusSeconds(359));

        assertThat(r.score()).isEqualTo(35.0);
        assertThat(r.nextDeadline()).contains(REGISTERED.plusSeconds(420));
    }

    @Test
    void equalTimesAreOrderedById() {
        ScoringPlan plan = ScoringFixtures.planWithRules("", """
                {"id": "capped", "kind": "points", "when": {"type": "content.downloaded"}, "points": 5, "maxOccurrences": 1}
                """);
        Instant t = REGISTERED;
        List<CustomerEvent> log = List.of(event("b", "content.downloaded", t), event("a", "content.downloaded", t));

        ScoreResult r = new ScoringEngine(plan).score(log, t);

        assertThat(r.breakdown()).extracting(ScoreContribution::eventId).containsExactly("a");
    }
}
