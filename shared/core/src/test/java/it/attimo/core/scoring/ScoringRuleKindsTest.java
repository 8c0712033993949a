package it.attimo.core.scoring;

import static it.attimo.core.scoring.ScoringFixtures.event;
import static it.attimo.core.scoring.ScoringFixtures.planWithRules;
import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScoringRuleKindsTest {
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");

    private static double score(ScoringPlan plan, Instant at, CustomerEvent... events) {
        return new ScoringEngine(plan).score(List.of(events), at).score();
    }

    @Nested
    class PointsWithConditions {
        private final ScoringPlan plan = planWithRules("", """
                {"id": "eq", "kind": "points", "when": {"type": "form.completed", "where": {"formId": {"eq": "profile"}, "errors": {"eq": 0}}}, "points": 1},
                {"id": "in", "kind": "points", "when": {"type": "content.downloaded", "where": {"contentId": {"in": ["wp-1", "wp-2"]}}}, "points": 2},
                {"id": "range", "kind": "points", "when": {"type": "video.watched", "where": {"watchedSeconds": {"gte": 60, "lt": 120}}}, "points": 4},
                {"id": "exists", "kind": "points", "when": {"type": "survey.answered", "where": {"nps": {"exists": true}}}, "points": 8},
                {"id": "ne", "kind": "points", "when": {"type": "form.abandoned", "where": {"formId": {"ne": "newsletter"}}}, "points": -16},
                {"id": "family", "kind": "points", "when": {"type": "email.*"}, "points": 32}
                """);

        @Test
        void equalsOnTextAndNumber() {
            assertThat(score(plan, T0, event("a", "form.completed", T0, "formId", "profile", "errors", 0)))
                    .isEqualTo(1);
            assertThat(score(plan, T0, event("a", "form.completed", T0, "formId", "profile", "errors", 2)))
                    .isZero();
            assertThat(score(plan, T0, event("a", "form.completed", T0, "formId", "first-module", "errors", 0)))
                    .isZero();
            assertThat(score(plan, T0, event("a", "form.completed", T0, "formId", "profile", "errors", "0")))
                    .as("numeric text")
                    .isEqualTo(1);
        }

        @Test
        void membership() {
            assertThat(score(plan, T0, event("a", "content.downloaded", T0, "contentId", "wp-2")))
                    .isEqualTo(2);
            assertThat(score(plan, T0, event("a", "content.downloaded", T0, "contentId", "wp-3")))
                    .isZero();
        }

        @Test
        void numericComparisons() {
            assertThat(score(plan, T0, event("a", "video.watched", T0, "watchedSeconds", 60)))
                    .isEqualTo(4);
            assertThat(score(plan, T0, event("a", "video.watched", T0, "watchedSeconds", 119.5)))
                    .isEqualTo(4);
            assertThat(score(plan, T0, event("a", "video.watched", T0, "watchedSeconds", 120)))
                    .isZero();
            assertThat(score(plan, T0, event("a", "video.watched", T0, "watchedSeconds", 59)))
                    .isZero();
            assertThat(score(plan, T0, event("a", "video.watched", T0)))
                    .as("missing field")
                    .isZero();
        }

        @Test
        void existsAndNotEquals() {
            assertThat(score(plan, T0, event("a", "survey.answered", T0, "nps", 9)))
                    .isEqualTo(8);
            assertThat(score(plan, T0, event("a", "survey.answered", T0, "csat", 4)))
                    .isZero();
            assertThat(score(plan, T0, event("a", "form.abandoned", T0, "formId", "profile")))
                    .isEqualTo(-16);
            assertThat(score(plan, T0, event("a", "form.abandoned", T0, "formId", "newsletter")))
                    .isZero();
        }

        @Test
        void typeFamily() {
            assertThat(score(plan, T0, event("a", "email.opened", T0), event("b", "email.clicked", T0)))
                    .isEqualTo(64);
            assertThat(score(plan, T0, event("a", "sms.clicked", T0))).isZero();
        }
    }

    @Nested
    class TimedPairs {
        private final ScoringPlan plan = planWithRules("", """
                {"id": "pair", "kind": "timedPair", "first": {"type": "form.started"}, "then": {"type": "form.completed"},
                 "within": "PT90S", "inTime": 10, "missed": -5}
                """);
        private final ScoringEngine engine = new ScoringEngine(plan);
        private final CustomerEvent started = event("s", "form.started", T0, "formId", "first-module");

        @Test
        void secondEventWithinTheWindowGivesTheInTimePoints() {
            ScoreResult r = engine.score(
                    List.of(started, event("c", "form.completed", T0.plusSeconds(89))), T0.plusSeconds(3600));

            assertThat(r.score()).isEqualTo(10);
            assertThat(r.breakdown().get(0).eventId()).isEqualTo("c");
            assertThat(r.nextDeadline()).isEmpty();
        }

        @Test
        void theMissTakesEffectAtTheDeadlineWithNoFurtherEvent() {
            List<CustomerEvent> log = List.of(started);

            ScoreResult before = engine.score(log, T0.plusSeconds(89));
            ScoreResult at = engine.score(log, T0.plusSeconds(90));

            assertThat(before.score()).isZero();
            assertThat(before.nextDeadline()).contains(T0.plusSeconds(90));
            assertThat(at.score()).isEqualTo(-5);
            assertThat(at.breakdown().get(0).at()).isEqualTo(T0.plusSeconds(90));
            assertThat(at.nextDeadline()).isEmpty();
        }

        @Test
        void aLateSecondEventGivesTheMissNotTheInTimePoints() {
            ScoreResult r = engine.score(
                    List.of(started, event("c", "form.completed", T0.plusSeconds(91))), T0.plusSeconds(3600));

            assertThat(r.score()).isEqualTo(-5);
        }

        @Test
        void aSecondEventAtTheSameInstantCountsWhateverTheIds() {
            CustomerEvent sameInstantSortedFirst = event("0-completed", "form.completed", T0);

            assertThat(engine.score(List.of(started, sameInstantSortedFirst), T0.plusSeconds(100))
                            .score())
                    .isEqualTo(10);
        }

        @Test
        void aSecondEventBeforeTheFirstDoesNotCountUnlessAsked() {
            CustomerEvent early = event("c", "form.completed", T0.minusSeconds(10));
            ScoringPlan earlierCounts = planWithRules("", """
                    {"id": "pair", "kind": "timedPair", "first": {"type": "form.started"}, "then": {"type": "form.completed"},
                     "within": "PT90S", "inTime": 10, "missed": -5, "countEarlier": true}
                    """);

            assertThat(engine.score(List.of(started, early), T0.plusSeconds(100))
                            .score())
                    .isEqualTo(-5);
            assertThat(new ScoringEngine(earlierCounts)
                            .score(List.of(started, early), T0.plusSeconds(100))
                            .score())
                    .isEqualTo(10);
        }

        @Test
        void eachFirstEventOpensItsOwnWindowAndTheEarliestPendingDeadlineIsReported() {
            CustomerEvent again = event("s2", "form.started", T0.plusSeconds(60));

            ScoreResult r = engine.score(List.of(started, again), T0.plusSeconds(95));

            assertThat(r.score()).isEqualTo(-5);
            assertThat(r.nextDeadline()).contains(T0.plusSeconds(150));
        }
    }

    @Nested
    class Durations {
        @Test
        void dataFieldThresholds() {
            ScoringPlan plan = planWithRules("", """
                    {"id": "fast", "kind": "duration", "when": {"type": "form.completed"}, "measure": {"field": "durationSeconds"}, "threshold": {"lte": 90}, "points": 10},
                    {"id": "slow", "kind": "duration", "when": {"type": "form.completed"}, "measure": {"field": "durationSeconds"}, "threshold": {"gt": 120}, "points": -15}
                    """);

            assertThat(score(plan, T0, event("a", "form.completed", T0, "durationSeconds", 90)))
                    .isEqualTo(10);
            assertThat(score(plan, T0, event("a", "form.completed", T0, "durationSeconds", 120)))
                    .isZero();
            assertThat(score(plan, T0, event("a", "form.completed", T0, "durationSeconds", 121)))
                    .isEqualTo(-15);
            assertThat(score(plan, T0, event("a", "form.completed", T0))).isZero();
        }

        @Test
        void timeSinceAnEarlierEvent() {
            ScoringPlan plan = planWithRules("", """
                    {"id": "quick-portal", "kind": "duration", "when": {"type": "portal.accessed"},
                     "measure": {"since": {"type": "account.registered"}}, "threshold": {"lte": 60}, "points": 5}
                    """);
            CustomerEvent registered = event("r", "account.registered", T0);

            assertThat(score(plan, T0.plusSeconds(600), registered, event("p", "portal.accessed", T0.plusSeconds(60))))
                    .isEqualTo(5);
            assertThat(score(plan, T0.plusSeconds(600), registered, event("p", "portal.accessed", T0.plusSeconds(61))))
                    .isZero();
            assertThat(score(plan, T0.plusSeconds(600), event("p", "portal.accessed", T0.plusSeconds(10))))
                    .as("no start")
                    .isZero();
        }
    }

    @Nested
    class Caps {
        @Test
        void maxOccurrencesPerRule() {
            ScoringPlan plan = planWithRules("", """
                    {"id": "dl", "kind": "points", "when": {"type": "content.downloaded"}, "points": 5, "maxOccurrences": 2}
                    """);

            assertThat(score(
                            plan,
                            T0,
                            event("a", "content.downloaded", T0),
                            event("b", "content.downloaded", T0),
                            event("c", "content.downloaded", T0)))
                    .isEqualTo(10);
        }

        @Test
        void maxPointsPerRuleCutsTheLastContribution() {
            ScoringPlan plan = planWithRules("", """
                    {"id": "dl", "kind": "points", "when": {"type": "content.downloaded"}, "points": 4, "maxPoints": 10}
                    """);
            ScoreResult r = new ScoringEngine(plan)
                    .score(
                            List.of(
                                    event("a", "content.downloaded", T0),
                                    event("b", "content.downloaded", T0.plusSeconds(1)),
                                    event("c", "content.downloaded", T0.plusSeconds(2)),
                                    event("d", "content.downloaded", T0.plusSeconds(3))),
                            T0.plusSeconds(3));

            assertThat(r.score()).isEqualTo(10);
            assertThat(r.breakdown()).extracting(ScoreContribution::points).containsExactly(4.0, 4.0, 2.0);
        }

        @Test
        void groupCapsBoundTheGroupFromAboveAndBelow() {
            ScoringPlan plan = planWithRules("""
                    "up": {"maxPoints": 7}, "down": {"minPoints": -20}, "few": {"maxOccurrences": 2}
                    """, """
                    {"id": "a", "kind": "points", "group": "up", "when": {"type": "portal.accessed"}, "points": 5},
                    {"id": "b", "kind": "points", "group": "up", "when": {"type": "content.downloaded"}, "points": 5},
                    {"id": "c", "kind": "points", "group": "down", "when": {"type": "form.abandoned"}, "points": -15},
                    {"id": "d", "kind": "points", "group": "few", "when": {"type": "email.clicked"}, "points": 1},
                    {"id": "e", "kind": "points", "group": "few", "when": {"type": "sms.clicked"}, "points": 1}
                    """);
            ScoreResult r = new ScoringEngine(plan)
                    .score(
                            List.of(
                                    event("1", "portal.accessed", T0),
                                    event("2", "content.downloaded", T0.plusSeconds(1)),
                                    event("3", "form.abandoned", T0.plusSeconds(2)),
                                    event("4", "form.abandoned", T0.plusSeconds(3)),
                                    event("5", "email.clicked", T0.plusSeconds(4)),
                                    event("6", "sms.clicked", T0.plusSeconds(5)),
                                    event("7", "email.clicked", T0.plusSeconds(6))),
                            T0.plusSeconds(10));

            assertThat(r.groupTotals())
                    .containsEntry("up", 7.0)
                    .containsEntry("down", -20.0)
                    .containsEntry("few", 2.0);
            assertThat(r.score()).isEqualTo(7 - 20 + 2);
        }
    }

    @Nested
    class Decay {
        private final ScoringPlan plan = planWithRules("", """
                {"id": "dl", "kind": "points", "when": {"type": "content.downloaded"}, "points": 8, "halfLife": "PT24H"},
                {"id": "fixed", "kind": "points", "when": {"type": "form.completed"}, "points": 20}
                """);
        private final ScoringEngine engine = new ScoringEngine(plan);
        private final List<CustomerEvent> log =
                List.of(event("a", "content.downloaded", T0), event("b", "form.completed", T0));

        @Test
        void pointsHalveEveryHalfLifeAndUndecayedRulesStayExact() {
            assertThat(engine.score(log, T0).score()).isEqualTo(28.0);
            assertThat(engine.score(log, T0.plusSeconds(24 * 3600)).score()).isEqualTo(24.0);
            assertThat(engine.score(log, T0.plusSeconds(48 * 3600)).score()).isEqualTo(22.0);
            assertThat(engine.score(log, T0.plusSeconds(12 * 3600)).score())
                    .isCloseTo(20 + 8 / Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-9));
        }

        @Test
        void aDecayingCapBoundsTheValueAtTheMomentAndRefillsAsPointsFade() {
            ScoringPlan capped = planWithRules("\"engagement\": {\"maxPoints\": 10}", """
                    {"id": "dl", "kind": "points", "group": "engagement", "when": {"type": "content.downloaded"}, "points": 8, "halfLife": "PT24H"}
                    """);
            Instant day = T0.plusSeconds(24 * 3600);
            List<CustomerEvent> events = List.of(
                    event("a", "content.downloaded", T0),
                    event("b", "content.downloaded", T0),
                    event("c", "content.downloaded", day),
                    event("d", "content.downloaded", day.plusSeconds(24 * 3600)));

            ScoreResult atDay = new ScoringEngine(capped).score(events, day);
            ScoreResult twoDays = new ScoringEngine(capped).score(events, day.plusSeconds(24 * 3600));

            // a: 8; b: only 2 fit under 10; a day later a+b are worth 5, so 5 of c's 8 fit
            assertThat(atDay.breakdown())
                    .extracting(ScoreContribution::basePoints)
                    .containsExactly(8.0, 2.0, 5.0);
            assertThat(atDay.score()).isEqualTo(10.0);
            // another day: a+b worth 2.5, c worth 2.5, so 5 of d's 8 fit again
            assertThat(twoDays.breakdown())
                    .extracting(ScoreContribution::basePoints)
                    .containsExactly(8.0, 2.0, 5.0, 5.0);
            assertThat(twoDays.score()).isEqualTo(10.0);
        }

        @Test
        void aGroupCapSeesEachRuleDecayWithItsOwnHalfLife() {
            ScoringPlan mixed = planWithRules("\"engagement\": {\"maxPoints\": 10}", """
                    {"id": "day", "kind": "points", "group": "engagement", "when": {"type": "content.downloaded"}, "points": 8, "halfLife": "PT24H"},
                    {"id": "hour", "kind": "points", "group": "engagement", "when": {"type": "email.clicked"}, "points": 8, "halfLife": "PT1H"},
                    {"id": "fixed", "kind": "points", "group": "engagement", "when": {"type": "portal.accessed"}, "points": 1}
                    """);
            Instant later = T0.plusSeconds(24 * 3600);
            List<CustomerEvent> events = List.of(
                    event("a", "content.downloaded", T0),
                    event("b", "email.clicked", T0),
                    event("c", "portal.accessed", T0),
                    event("d", "content.downloaded", later));

            ScoreResult r = new ScoringEngine(mixed).score(events, later);

            // at T0: 8 + 2 (cut) + 0 (full); a day later: day-rule 4, hour-rule 2 × 2^-24, fixed 0 → d fits 10 - 4 -
            // tiny
            assertThat(r.breakdown()).extracting(ScoreContribution::ruleId).containsExactly("day", "hour", "day");
            assertThat(r.breakdown().get(2).basePoints())
                    .isCloseTo(6 - 2 * Math.pow(0.5, 24), org.assertj.core.data.Offset.offset(1e-12));
        }

        @Test
        void theBreakdownKeepsBothTheDecayedAndTheBaseValue() {
            ScoreContribution dl =
                    engine.score(log, T0.plusSeconds(24 * 3600)).breakdown().get(0);

            assertThat(dl.ruleId()).isEqualTo("dl");
            assertThat(dl.points()).isEqualTo(4.0);
            assertThat(dl.basePoints()).isEqualTo(8.0);
            assertThat(dl.at()).isEqualTo(T0);
        }
    }

    @Nested
    class Tiers {
        private final ScoringEngine engine = new ScoringEngine(planWithRules("", """
                {"id": "x", "kind": "points", "when": {"type": "portal.accessed"}, "points": 1}
                """));

        @Test
        void thresholdsAreInclusiveMinimums() {
            assertThat(engine.tierOf(45)).isEqualTo("hot");
            assertThat(engine.tierOf(44.999)).isEqualTo("engaged");
            assertThat(engine.tierOf(25)).isEqualTo("engaged");
            assertThat(engine.tierOf(0)).isEqualTo("cooling");
            assertThat(engine.tierOf(-0.001)).isEqualTo("at-risk");
            assertThat(engine.tierOf(-1e9)).isEqualTo("at-risk");
        }

        @Test
        void anEmptyLogIsCooling() {
            assertThat(engine.score(List.of(), T0).tier()).isEqualTo("cooling");
        }
    }

    @Nested
    class TierChanges {
        @Test
        void aMissedDeadlineChangesTheTierAtTheDeadline() {
            ScoringEngine engine = new ScoringEngine(planWithRules("", """
                    {"id": "pair", "kind": "timedPair", "first": {"type": "account.registered"}, "then": {"type": "portal.accessed"},
                     "within": "PT2M", "missed": -10}
                    """));
            List<CustomerEvent> log = List.of(event("r", "account.registered", T0));

            List<TierChange> changes = engine.tierChanges(log, T0, T0.plusSeconds(3600));

            assertThat(changes)
                    .containsExactly(new TierChange(T0.plusSeconds(120), "cooling", "at-risk", -10, "pair", null));
            assertThat(engine.tierChanges(log, T0, T0.plusSeconds(119))).isEmpty();
            assertThat(engine.tierChanges(log, T0, T0.plusSeconds(120)))
                    .as("change exactly at to")
                    .containsExactly(new TierChange(T0.plusSeconds(120), "cooling", "at-risk", -10, "pair", null));
            assertThat(engine.tierChanges(log, T0.plusSeconds(120), T0.plusSeconds(3600)))
                    .as("change exactly at from")
                    .isEmpty();
        }

        @Test
        void decayAloneCanLeaveATierAndTheCrossingIsLocated() {
            ScoringEngine engine = new ScoringEngine(planWithRules("", """
                    {"id": "dl", "kind": "points", "when": {"type": "content.downloaded"}, "points": 50, "halfLife": "PT24H"}
                    """));
            List<CustomerEvent> log = List.of(event("a", "content.downloaded", T0));

            List<TierChange> changes = engine.tierChanges(log, T0.minusSeconds(1), T0.plusSeconds(5 * 24 * 3600));

            assertThat(changes).extracting(TierChange::toTier).containsExactly("hot", "engaged", "cooling");
            // 50 × 0.5^(t/24h) = 45 at t = 24h·log2(50/45); = 25 at exactly 24 h
            double expectedHotToEngaged = 24 * 3600 * Math.log(50.0 / 45) / Math.log(2);
            assertThat(ScoreFold.secondsBetween(T0, changes.get(1).at()))
                    .isCloseTo(expectedHotToEngaged, org.assertj.core.data.Offset.offset(0.002));
            assertThat(ScoreFold.secondsBetween(T0, changes.get(2).at()))
                    .isCloseTo(24 * 3600, org.assertj.core.data.Offset.offset(0.002));
            assertThat(changes.get(1).ruleId()).isNull();
        }

        @Test
        void theNextTierChangeByDecayCanBeScheduledInAdvance() {
            ScoringEngine engine = new ScoringEngine(planWithRules("", """
                    {"id": "slow", "kind": "points", "when": {"type": "form.abandoned"}, "points": -10},
                    {"id": "dl", "kind": "points", "when": {"type": "content.downloaded"}, "points": 20, "halfLife": "PT24H"}
                    """));
            List<CustomerEvent> log = List.of(event("a", "form.abandoned", T0), event("b", "content.downloaded", T0));

            TierChange next = engine.nextTierChange(log, T0, T0.plusSeconds(7 * 24 * 3600))
                    .orElseThrow();

            // -10 + 20 × 0.5^(t/24h) drops below 0 at t = 24 h
            assertThat(next.toTier()).isEqualTo("at-risk");
            assertThat(ScoreFold.secondsBetween(T0, next.at()))
                    .isCloseTo(24 * 3600, org.assertj.core.data.Offset.offset(0.002));
            assertThat(engine.nextTierChange(log, T0, T0.plusSeconds(3600))).isEmpty();
        }

        @Test
        void theCauseOfAChangeIsTheContributionThatPushedThatWay() {
            ScoringEngine engine = new ScoringEngine(planWithRules("", """
                    {"id": "small", "kind": "points", "when": {"type": "form.abandoned"}, "points": 1},
                    {"id": "big", "kind": "points", "when": {"type": "form.abandoned"}, "points": -30}
                    """));
            List<CustomerEvent> log = List.of(event("a", "form.abandoned", T0.plusSeconds(1)));

            assertThat(engine.tierChanges(log, T0, T0.plusSeconds(5)))
                    .singleElement()
                    .extracting(TierChange::ruleId)
                    .isEqualTo("big");
        }
    }
}
