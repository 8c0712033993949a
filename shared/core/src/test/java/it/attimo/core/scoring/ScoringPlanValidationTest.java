package it.attimo.core.scoring;

import static it.attimo.core.scoring.ScoringFixtures.plan;
import static it.attimo.core.scoring.ScoringFixtures.planWithRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** One test per kind of validation error, each asserting rule id, field and reason. */
class ScoringPlanValidationTest {

    private static ScoringPlanException rejected(Runnable load) {
        ScoringPlanException e = catchThrowableOfType(load::run, ScoringPlanException.class);
        assertThat(e).as("plan should be rejected").isNotNull();
        return e;
    }

    private static ScoringPlanException rejectedRules(String groups, String rules) {
        return rejected(() -> planWithRules(groups, rules));
    }

    private static void assertOnly(ScoringPlanException e, String ruleId, String field, String reasonPart) {
        assertThat(e.problems()).hasSize(1);
        PlanProblem p = e.problems().get(0);
        assertThat(p.ruleId()).isEqualTo(ruleId);
        assertThat(p.field()).isEqualTo(field);
        assertThat(p.reason()).contains(reasonPart);
        assertThat(e.getMessage()).contains(field).contains("test-plan.json");
    }

    @Test
    void malformedJson() {
        ScoringPlanException e = rejected(() -> plan("{\"plan\": \"x\", "));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.ruleId()).isNull();
            assertThat(p.field()).isEqualTo("$");
            assertThat(p.reason()).startsWith("not valid JSON at line 1");
        });
    }

    @Test
    void missingRuleId() {
        assertOnly(rejectedRules("", """
                {"kind": "points", "when": {"type": "portal.accessed"}, "points": 1}
                """), "rules[0]", "id", "required");
    }

    @Test
    void duplicateRuleId() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "points", "when": {"type": "portal.accessed"}, "points": 1},
                {"id": "x", "kind": "points", "when": {"type": "portal.accessed"}, "points": 2}
                """), "x", "id", "duplicate rule id");
    }

    @Test
    void unknownKind() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "script", "when": {"type": "portal.accessed"}, "points": 1}
                """), "x", "kind", "unknown kind 'script'");
    }

    @Test
    void unknownFieldCatchesTypos() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "points", "when": {"type": "portal.accessed"}, "points": 1, "maxOccurences": 2}
                """), "x", "maxOccurences", "unknown field");
    }

    @Test
    void unknownEventType() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "points", "when": {"type": "portal.acessed"}, "points": 1}
                """), "x", "when.type", "unknown event type 'portal.acessed'");
    }

    @Test
    void missingMatcher() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "timedPair", "first": {"type": "form.started"}, "within": "PT90S", "missed": -5}
                """), "x", "then", "event matcher");
    }

    @Test
    void unknownConditionOperator() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "points", "when": {"type": "form.completed", "where": {"errors": {"equals": 0}}}, "points": 1}
                """), "x", "when.where.errors.equals", "unknown operator 'equals'");
    }

    @Test
    void conditionOperandOfTheWrongType() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "points", "when": {"type": "form.completed", "where": {"errors": {"lte": "zero"}}}, "points": 1}
                """), "x", "when.where.errors.lte", "must be a number");
    }

    @Test
    void emptyInList() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "points", "when": {"type": "form.completed", "where": {"formId": {"in": []}}}, "points": 1}
                """), "x", "when.where.formId.in", "non-empty array");
    }

    @Test
    void zeroPoints() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "points", "when": {"type": "portal.accessed"}, "points": 0}
                """), "x", "points", "must not be 0");
    }

    @Test
    void missingPoints() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "points", "when": {"type": "portal.accessed"}}
                """), "x", "points", "required: a number");
    }

    @Test
    void badDuration() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "timedPair", "first": {"type": "form.started"}, "then": {"type": "form.completed"},
                 "within": "120 seconds", "missed": -5}
                """), "x", "within", "not an ISO-8601 duration");
    }

    @Test
    void nonPositiveDuration() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "points", "when": {"type": "portal.accessed"}, "points": 1, "halfLife": "PT0S"}
                """), "x", "halfLife", "longer than zero");
    }

    @Test
    void timedPairThatCanNeverScore() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "timedPair", "first": {"type": "form.started"}, "then": {"type": "form.completed"},
                 "within": "PT90S", "inTime": 0, "missed": 0}
                """), "x", "missed", "never score");
    }

    @Test
    void durationWithBothMeasures() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "duration", "when": {"type": "form.completed"},
                 "measure": {"field": "durationSeconds", "since": {"type": "form.started"}}, "threshold": {"lte": 90}, "points": 1}
                """), "x", "measure", "exactly one of");
    }

    @Test
    void durationThresholdWithAnUnknownComparison() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "duration", "when": {"type": "form.completed"},
                 "measure": {"field": "durationSeconds"}, "threshold": {"below": 90}, "points": 1}
                """), "x", "threshold.below", "unknown comparison");
    }

    @Test
    void unknownGroup() {
        assertOnly(
                rejectedRules("\"engagement\": {\"maxPoints\": 20}", """
                {"id": "x", "kind": "points", "group": "engagment", "when": {"type": "portal.accessed"}, "points": 1}
                """), "x", "group", "unknown group 'engagment'");
    }

    @Test
    void invalidCap() {
        assertOnly(rejectedRules("", """
                {"id": "x", "kind": "points", "when": {"type": "portal.accessed"}, "points": 1, "maxOccurrences": 0}
                """), "x", "maxOccurrences", "≥ 1");
    }

    @Test
    void invalidGroupCap() {
        assertOnly(rejectedRules("\"g\": {\"minPoints\": 5}", ""), null, "groups.g.minPoints", "≤ 0");
    }

    @Test
    void tiersOutOfOrder() {
        ScoringPlanException e = rejected(() -> plan("""
                {"plan": "t", "tiers": [{"name": "cool", "min": 0}, {"name": "hot", "min": 45}, {"name": "rest"}], "rules": []}
                """));
        assertOnly(e, null, "tiers[1].min", "lower than the previous tier's min");
    }

    @Test
    void lastTierWithAMinimum() {
        ScoringPlanException e = rejected(() -> plan("""
                {"plan": "t", "tiers": [{"name": "hot", "min": 45}, {"name": "rest", "min": 0}], "rules": []}
                """));
        assertOnly(e, null, "tiers[1].min", "has no min");
    }

    @Test
    void missingPlanName() {
        ScoringPlanException e = rejected(() -> plan("""
                {"tiers": [{"name": "all"}], "rules": []}
                """));
        assertOnly(e, null, "plan", "required");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ScoringPlanException e = rejectedRules("", """
                {"id": "a", "kind": "points", "when": {"type": "nope"}, "points": 0},
                {"id": "b", "kind": "timedPair", "first": {"type": "form.started"}, "then": {"type": "form.completed"}, "within": "soon", "missed": -1}
                """);

        assertThat(e.problems())
                .extracting(PlanProblem::ruleId, PlanProblem::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", "when.type"),
                        org.assertj.core.groups.Tuple.tuple("a", "points"),
                        org.assertj.core.groups.Tuple.tuple("b", "within"));
    }
}
