package it.attimo.core.scoring;

import it.attimo.core.event.CustomerEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;

import static it.attimo.core.scoring.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/** The score is a pure fold of the log: order of arrival, duplicates and late events are handled by the fold. */
class ScoringFoldOrderTest {
    private static final Instant REGISTERED = Instant.parse("2026-05-12T08:00:00Z");
    private final ScoringEngine engine = new ScoringEngine(ScoringPlanLoader.loadDefault());

    private final CustomerEvent registered = event("e1", "account.registered", REGISTERED);
    private final CustomerEvent profile = event("e2", "form.completed", REGISTERED.plusSeconds(300), "formId", "profile", "errors", 0);
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
        assertThat(engine.score(new LinkedList<>(List.of(download, video, profile, registered)), at)).isEqualTo(expected);
        assertThat(expected.score()).isEqualTo(45 + 5 * Math.pow(0.5, 600.0 / 86400));
    }

    @Test
    void aDuplicateChangesNothing() {
        ScoreResult once = engine.score(List.of(registered, profile, video), at);
        CustomerEvent redelivered = event("e2", "form.completed", REGISTERED.plusSeconds(300), "formId", "profile", "errors", 0);

        assertThat(engine.score(List.of(registered, profile, video, redelivered, video), at)).isEqualTo(once);
    }

    @Test
    void aDuplicateIdWithAnotherTimeCountsOnceAtItsEarliestTime() {
        CustomerEvent sameIdLater = event("e4", "content.downloaded", REGISTERED.plusSeconds(900));

        ScoreResult r = engine.score(List.of(registered, sameIdLater, download), at);

        assertThat(r.breakdown()).filteredOn(c -> "e4".equals(c.eventId())).hasSize(1)
                .first().extracting(ScoreContribution::at).isEqualTo(download.time());
    }

    @Test
    void aLateEventRecomputesTheFold() {
        List<CustomerEvent> withoutVideo = List.of(registered, profile);
        assertThat(engine.score(withoutVideo, at).score()).isEqualTo(30.0);

        // the video happened in time but arrived after the deadline: the fold simply has it now
        assertThat(engine.score(List.of(registered, profile, video), at).score()).isEqualTo(45.0);
    }

    @Test
    void eventsAfterTheEvaluationInstantAreIgnored() {
        ScoreResult r = engine.score(List.of(registered, profile, video, download), REGISTERED.plusSeconds(359));

        assertThat(r.score()).isEqualTo(35.0);
        assertThat(r.nextDeadline()).contains(REGISTERED.plusSeconds(420));
    }

    @Test
    void equalTimesAreOrderedById() {
        ScoringPlan plan = Events.planWithRules("", """
                {"id": "capped", "kind": "points", "when": {"type": "content.downloaded"}, "points": 5, "maxOccurrences": 1}
                """);
        Instant t = REGISTERED;
        List<CustomerEvent> log = List.of(event("b", "content.downloaded", t), event("a", "content.downloaded", t));

        ScoreResult r = new ScoringEngine(plan).score(log, t);

        assertThat(r.breakdown()).extracting(ScoreContribution::eventId).containsExactly("a");
    }
}
