package it.attimo.core.scoring;

import static it.attimo.core.scoring.ScoringFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's worked examples, on the default plan, evaluated right after their events. */
class DefaultPlanWorkedExamplesTest {
    private static final Instant REGISTERED = Instant.parse("2026-05-12T08:00:00Z");
    private static final Instant PROFILE = REGISTERED.plusSeconds(300);

    private final ScoringEngine engine = new ScoringEngine(ScoringPlanLoader.loadDefault());

    private static CustomerEvent registered() {
        return event("e-reg", "account.registered", REGISTERED);
    }

    private static CustomerEvent profile(Instant at, int seconds) {
        return event("e-profile", "form.completed", at, "formId", "profile", "durationSeconds", seconds, "errors", 0);
    }

    private static CustomerEvent guideVideo(Instant at) {
        return event("e-video", "video.watched", at, "videoId", "guide", "watchedSeconds", 95);
    }

    private static CustomerEvent firstModule(Instant at, int seconds) {
        return event(
                "e-first", "form.completed", at, "formId", "first-module", "durationSeconds", seconds, "errors", 0);
    }

    @Test
    void profileIn90SecondsWithTheGuideVideoScores45() {
        List<CustomerEvent> log = List.of(registered(), profile(PROFILE, 90), guideVideo(PROFILE.plusSeconds(60)));

        ScoreResult r = engine.score(log, PROFILE.plusSeconds(121));

        assertThat(r.score()).isEqualTo(45.0);
        assertThat(r.tier()).isEqualTo("hot");
        assertThat(r.breakdown())
                .extracting(ScoreContribution::ruleId, ScoreContribution::points)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("profile-completed", 20.0),
                        org.assertj.core.groups.Tuple.tuple("profile-without-errors", 15.0),
                        org.assertj.core.groups.Tuple.tuple("guide-video-watched", 10.0));
        assertThat(r.groupTotals()).containsEntry("guide-video", 10.0).containsEntry("profile", 35.0);
    }

    @Test
    void skippingTheVideoScores30OnceTheWindowHasPassed() {
        List<CustomerEvent> log = List.of(registered(), profile(PROFILE, 90));

        ScoreResult before = engine.score(log, PROFILE.plusSeconds(119));
        ScoreResult atDeadline = engine.score(log, PROFILE.plusSeconds(120));
        ScoreResult after = engine.score(log, PROFILE.plusSeconds(121));

        assertThat(before.score()).isEqualTo(35.0);
        assertThat(before.nextDeadline()).contains(PROFILE.plusSeconds(120));
        assertThat(atDeadline.score()).isEqualTo(30.0);
        assertThat(after.score()).isEqualTo(30.0);
        assertThat(after.tier()).isEqualTo("engaged");
        ScoreContribution penalty = after.breakdown().get(after.breakdown().size() - 1);
        assertThat(penalty.ruleId()).isEqualTo("guide-video-after-profile");
        assertThat(penalty.points()).isEqualTo(-5.0);
        assertThat(penalty.at()).isEqualTo(PROFILE.plusSeconds(120));
        assertThat(penalty.eventId()).isNull();
        // the only timed rule still pending is the 2 h key-module deadline
        assertThat(after.nextDeadline()).contains(REGISTERED.plusSeconds(7200));
    }

    @Test
    void aLateVideoPaysTheDelayButStillCountsAsWatched() {
        List<CustomerEvent> log = List.of(registered(), profile(PROFILE, 90), guideVideo(PROFILE.plusSeconds(121)));

        ScoreResult r = engine.score(log, PROFILE.plusSeconds(122));

        assertThat(r.score()).isEqualTo(40.0);
        assertThat(r.breakdown())
                .extracting(ScoreContribution::ruleId)
                .contains("guide-video-after-profile", "guide-video-watched");
        assertThat(r.breakdown())
                .filteredOn(c -> c.ruleId().equals("guide-video-after-profile"))
                .extracting(ScoreContribution::points)
                .containsExactly(-5.0);
    }

    @Test
    void videoAtExactlyTheDeadlineIsInTime() {
        List<CustomerEvent> log = List.of(registered(), profile(PROFILE, 90), guideVideo(PROFILE.plusSeconds(120)));

        assertThat(engine.score(log, PROFILE.plusSeconds(121)).score()).isEqualTo(45.0);
    }

    @Test
    void firstModuleIn45SecondsThenVideoThenProfileIn60SecondsScores55() {
        Instant first = REGISTERED.plusSeconds(60);
        List<CustomerEvent> log = List.of(
                registered(),
                firstModule(first, 45),
                guideVideo(first.plusSeconds(30)),
                profile(first.plusSeconds(120), 60));

        ScoreResult r = engine.score(log, first.plusSeconds(121));

        assertThat(r.score()).isEqualTo(55.0);
        assertThat(r.tier()).isEqualTo("hot");
        assertThat(r.nextDeadline()).isEmpty();
    }

    @Test
    void firstModuleOverTwoMinutesScores30AndEntersAtRiskOnTheSpot() {
        Instant first = REGISTERED.plusSeconds(200);
        List<CustomerEvent> log = List.of(
                registered(),
                firstModule(first, 150),
                guideVideo(first.plusSeconds(30)),
                profile(first.plusSeconds(120), 60));

        ScoreResult r = engine.score(log, first.plusSeconds(121));
        List<TierChange> changes = engine.tierChanges(log, REGISTERED, first.plusSeconds(121));

        assertThat(r.score()).isEqualTo(30.0);
        assertThat(engine.score(log, first).tier()).isEqualTo("at-risk");
        assertThat(changes).extracting(TierChange::toTier).containsExactly("at-risk", "engaged");
        assertThat(changes.get(0).at()).isEqualTo(first);
        assertThat(changes.get(0).ruleId()).isEqualTo("first-module-slow");
        assertThat(changes.get(0).eventId()).isEqualTo("e-first");
    }

    @Test
    void aFirstModuleBetween90And120SecondsScoresNothingForSpeed() {
        Instant first = REGISTERED.plusSeconds(200);
        List<CustomerEvent> log = List.of(
                registered(),
                firstModule(first, 100),
                guideVideo(first.plusSeconds(30)),
                profile(first.plusSeconds(120), 60));

        assertThat(engine.score(log, first.plusSeconds(121)).score()).isEqualTo(45.0);
    }

    @Test
    void keyModuleMissing2HoursAfterRegistrationCosts15() {
        List<CustomerEvent> log = List.of(registered());

        assertThat(engine.score(log, REGISTERED.plusSeconds(7199)).score()).isEqualTo(0.0);
        ScoreResult r = engine.score(log, REGISTERED.plusSeconds(7200));
        assertThat(r.score()).isEqualTo(-15.0);
        assertThat(r.tier()).isEqualTo("at-risk");
    }

    @Test
    void engagementDecaysWithA24HourHalfLife() {
        Instant download = REGISTERED.plusSeconds(600);
        List<CustomerEvent> log = List.of(
                registered(),
                firstModule(REGISTERED.plusSeconds(120), 45),
                event("e-dl", "content.downloaded", download, "contentId", "white-paper"));

        assertThat(engine.score(log, download).score()).isEqualTo(15.0);
        assertThat(engine.score(log, download.plusSeconds(24 * 3600)).score()).isEqualTo(12.5);
    }

    @Test
    void theDefaultPlanDocumentsItsChoices() {
        ScoringPlan plan = ScoringPlanLoader.loadDefault();

        assertThat(plan.name()).isEqualTo("b2b-onboarding-72h");
        assertThat(plan.tiers()).extracting(Tier::name).containsExactly("hot", "engaged", "cooling", "at-risk");
        assertThat(plan.notes()).anyMatch(n -> n.contains("Worked examples"));
    }
}
