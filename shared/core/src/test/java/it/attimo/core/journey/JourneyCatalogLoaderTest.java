package it.attimo.core.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.customer.Location;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.event.EventTypes;
import it.attimo.core.scoring.PlanProblem;
import it.attimo.core.testing.Events;
import it.attimo.core.timing.MessageKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class JourneyCatalogLoaderTest {

    @Test
    void theBundledFileDeclaresEveryJourney() {
        JourneyCatalog catalog = JourneyCatalogLoader.bundled();
        assertThat(catalog.names())
                .containsExactly(
                        "post-purchase",
                        "delivery-delay",
                        "order-return",
                        "support-handoff",
                        "survey-detractor",
                        "churn-risk",
                        "onboarding-72h");
        JourneyDefinition pp = catalog.require("post-purchase");
        assertThat(pp.asl()).isEqualTo("post-purchase.asl.json");
        assertThat(pp.stateMachine()).isEqualTo("PostPurchaseStateMachine");
        assertThat(pp.hasTimingRule(TimingRules.DECEMBER_SHIFT)).isTrue();
        assertThat(pp.milestones())
                .extracting(Milestone::step)
                .containsExactly("welcome", "tutorial", "contextual", "survey", "accessories", "repurchase");
        assertThat(pp.holdsOf("repurchase")).containsExactly("order-delayed", "order-returned", "churn-high");
        assertThat(pp.holdsOf("accessories")).containsExactly("order-delayed", "order-returned", "churn-high");
        assertThat(pp.holdsOf("welcome")).isEmpty();
        assertThat(catalog.require("delivery-delay").triggerType()).isEqualTo("delivery.delayed");
        assertThat(catalog.require("churn-risk").triggerType()).isEqualTo("churn.high");
        JourneyDefinition onboarding = catalog.require("onboarding-72h");
        assertThat(onboarding.timingRules()).isEmpty();
        assertThat(onboarding.requiredKeys())
                .containsExactly("form.completed:first-module", "form.completed:profile", "video.watched:guide");
        assertThat(catalog.timingRules("post-purchase")).containsExactly("december-shift");
        assertThat(catalog.timingRules("post_purchase")).isEmpty();
        assertThat(catalog.timingRules(null)).isEmpty();
    }

    @Test
    void aTriggerTestsTheEventsDataAndTheProfileInTheScoringLanguage() {
        JourneyCatalog catalog = JourneyCatalogLoader.parse("test", """
                {"journeys": [{"name": "big-order-nord", "asl": "x.asl.json",
                  "trigger": {"type": "order.placed", "where": {"total": {"gte": 500}},
                              "profile": {"macroArea": {"in": ["Nord-ovest", "Nord-est"]}, "segment": {"eq": "b2c"}}}}]}
                """);
        Profile nord = profile(Segment.B2C, "Nord-ovest");
        Profile sud = profile(Segment.B2C, "Sud");
        var big =
                Events.event(EventTypes.ORDER_PLACED, "c-1").data("total", 800).build();
        var small =
                Events.event(EventTypes.ORDER_PLACED, "c-1").data("total", 80).build();
        assertThat(catalog.triggeredBy(big, nord))
                .extracting(JourneyDefinition::name)
                .containsExactly("big-order-nord");
        assertThat(catalog.triggeredBy(small, nord)).isEmpty();
        assertThat(catalog.triggeredBy(big, sud)).isEmpty();
        assertThat(catalog.triggeredBy(big, profile(Segment.B2B, "Nord-ovest"))).isEmpty();
        assertThat(catalog.triggeredBy(big, null)).isEmpty();
        JourneyDefinition d = catalog.require("big-order-nord");
        assertThat(d.kind()).isEqualTo(MessageKind.SERVICE);
        assertThat(d.priority()).isZero();
        assertThat(d.stateMachine()).isNull();
    }

    @Test
    void everyProblemIsReportedWithItsJourneyAndField() {
        assertThatThrownBy(() -> JourneyCatalogLoader.parse("bad.json", """
                        {"journeys": [
                          {"name": "Bad Name", "asl": "a.json", "trigger": {"type": "no.such", "when": 1},
                           "kind": "loud", "priority": 500, "timingRules": ["summer-shift"], "colour": "red",
                           "milestones": [{"name": "m", "reached": "x", "step": "y"}, {"name": "m", "step": "s",
                                           "required": true, "kpis": ["speed"]}]},
                          {"name": "ok", "asl": "ok.asl.json", "trigger": {"type": "order.placed",
                           "where": {"total": {"about": 3}}, "profile": {"email": {"eq": "x"}}}},
                          {"name": "ok", "asl": "ok.asl.json", "trigger": {"type": "order.placed"}},
                          {"name": "ok-more", "asl": "ok2.asl.json", "trigger": {"type": "order.placed"}}
                        ]}
                        """))
                .isInstanceOfSatisfying(JourneyCatalogException.class, e -> {
                    List<String> fields = e.problems().stream()
                            .map(p -> p.ruleId() + " " + p.field())
                            .toList();
                    assertThat(fields)
                            .contains(
                                    "Bad Name name",
                                    "Bad Name asl",
                                    "Bad Name trigger.type",
                                    "Bad Name trigger.when",
                                    "Bad Name kind",
                                    "Bad Name priority",
                                    "Bad Name timingRules",
                                    "Bad Name colour",
                                    "Bad Name milestones[0]",
                                    "Bad Name milestones[1].name",
                                    "Bad Name milestones[1].required",
                                    "Bad Name milestones[1].kpis",
                                    "ok trigger.where.total.about",
                                    "ok trigger.profile.email",
                                    "ok name",
                                    "ok-more name");
                    assertThat(e.getMessage())
                            .startsWith("bad.json: ")
                            .contains("unknown timing rule \"summer-shift\"");
                    assertThat(e.problems()).extracting(PlanProblem::reason).doesNotContainNull();
                });
    }

    @Test
    void notJsonOrNoJourneysIsRefused() {
        assertThatThrownBy(() -> JourneyCatalogLoader.parse("x", "{"))
                .isInstanceOf(JourneyCatalogException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> JourneyCatalogLoader.parse("x", "{\"journeys\": []}"))
                .isInstanceOf(JourneyCatalogException.class)
                .hasMessageContaining("field 'journeys': required: a non-empty array");
    }

    @Test
    void theLongestDeclaredNameWinsWhenReadingAnExecutionName() {
        JourneyCatalog catalog = JourneyCatalogLoader.parse("x", """
                {"journeys": [{"name": "repurchase", "asl": "a.asl.json", "trigger": {"type": "order.placed"}},
                              {"name": "welcome", "asl": "b.asl.json", "trigger": {"type": "order.placed"}}]}
                """);
        assertThat(catalog.journeyOfExecution(ExecutionNames.forTrigger("welcome", "c-1", "e")))
                .isEqualTo("welcome");
        assertThat(catalog.journeyOfExecution("repurchase-c-1-e")).isEqualTo("repurchase");
        assertThat(catalog.journeyOfExecution("post-purchase-c-1-e")).isNull();
    }

    private static Profile profile(Segment segment, String macroArea) {
        return new Profile(
                "c-1",
                segment,
                new Location("015146", "Milano", "MI", "Milano", "Lombardia", macroArea),
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0);
    }
}
