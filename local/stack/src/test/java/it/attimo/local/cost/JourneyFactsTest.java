package it.attimo.local.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.local.SamTemplate.FunctionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the project's own files say about its two journeys. */
class JourneyFactsTest {
    private static final AslTransitionCounter COUNTER = new AslTransitionCounter(4, 1);

    static Path home() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("template.yaml"))) dir = dir.getParent();
        return dir;
    }

    @Test
    void postPurchaseRunsEveryTaskOnTheJourneyFunctionAndWaitsForNoMilestoneEvent() {
        JourneyFacts facts = JourneyFacts.read(home(), "post-purchase", COUNTER);
        assertThat(facts.stateMachine()).isEqualTo("PostPurchaseStateMachine");
        assertThat(facts.triggerType()).isEqualTo("order.delivered");
        // the welcome's plan, 6 dispatches (5 of them plan the next send) and the completion
        assertThat(facts.tasks()).hasSize(8);
        // ${JourneyFunctionArn} -> !Ref JourneyFunction.Alias -> Globals: 1024 MB, !Ref FunctionArchitecture = arm64
        assertThat(facts.tasks())
                .allSatisfy(t ->
                        assertThat(t.function()).isEqualTo(new FunctionSettings("JourneyFunction", 1024, "arm64")));
        assertThat(facts.milestoneEvents()).isEmpty();
        assertThat(facts.ingestFunction().logicalId()).isEqualTo("IngestFunction");
        assertThat(facts.scoreFunction().logicalId()).isEqualTo("ScoreFunction");
        // no branch left on the way: a skipped plan goes through its Wait and its dispatch as well
        assertThat(facts.shortestTransitions()).isEqualTo(facts.path().transitions());
    }

    @Test
    void onboardingWaitsForTheMilestonesEventsBesidesItsTrigger() {
        JourneyFacts facts = JourneyFacts.read(home(), "onboarding-72h", COUNTER);
        assertThat(facts.milestoneEvents())
                .containsExactlyInAnyOrder(
                        "portal.accessed",
                        "form.started:first-module",
                        "form.completed:first-module",
                        "form.started:profile",
                        "form.completed:profile",
                        "video.watched:guide")
                .doesNotContain("account.registered");
    }

    @Test
    void anUnknownJourneyNamesTheKnownOnes() {
        assertThatThrownBy(() -> JourneyFacts.read(home(), "winback", COUNTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("winback")
                .hasMessageContaining(
                        "post-purchase, delivery-delay, order-return, support-handoff, survey-detractor, churn-risk,"
                                + " onboarding-72h");
    }
}
