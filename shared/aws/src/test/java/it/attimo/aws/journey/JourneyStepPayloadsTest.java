package it.attimo.aws.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.journey.DispatchStep;
import it.attimo.core.journey.ParkStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payload errors moved here from JourneyStepsTest with the parsing; their assertions are unchanged. */
class JourneyStepPayloadsTest {
    static final String EXECUTION = "post-purchase-c-1-o-1";
    static final String ARN = "arn:aws:states:eu-south-1:123456789012:execution:attimo-post-purchase:" + EXECUTION;

    static Map<String, Object> payload(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static Map<String, Object> plan(String anchor, String offset, String channel, String kind) {
        return payload(
                "action",
                "plan",
                "customerId",
                "c-1",
                "journey",
                "post-purchase",
                "channel",
                channel,
                "kind",
                kind,
                "anchor",
                anchor,
                "offset",
                offset,
                "window",
                "PT24H");
    }

    @Test
    void badPayloadsAreIllegalArguments() {
        assertThatThrownBy(() -> JourneyStepPayloads.parse(plan("yesterday", "PT24H", "email", "service")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anchor");
        assertThatThrownBy(() -> JourneyStepPayloads.parse(plan("2026-06-10T09:00:00Z", "one day", "email", "service")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> JourneyStepPayloads.parse(plan("2026-06-10T09:00:00Z", "PT1H", "fax", "service")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JourneyStepPayloads.parse(plan("2026-06-10T09:00:00Z", "PT1H", "email", "spam")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Map<String, Object> dispatchWithNext(Object next, Object skipped) {
        Map<String, Object> p = payload(
                "action",
                "dispatch",
                "customerId",
                "c-1",
                "journey",
                "post-purchase",
                "step",
                "welcome",
                "channel",
                "email",
                "executionId",
                ARN,
                "next",
                next);
        if (skipped != null) p.put("skipped", skipped);
        return p;
    }

    @Test
    void aDispatchCarriesTheNextPlanWhichInheritsCustomerJourneyAndExecution() {
        Map<String, Object> next = payload(
                "step",
                "accessories",
                "channel",
                "email",
                "kind",
                "marketing",
                "anchor",
                "2026-06-10T09:00:00Z",
                "offset",
                "PT76H",
                "offsetByArea",
                Map.of("Nord", "PT68H"));
        DispatchStep d = (DispatchStep) JourneyStepPayloads.parse(dispatchWithNext(next, true));
        assertThat(d.planSkipped()).isTrue();
        assertThat(d.next().customerId()).isEqualTo("c-1");
        assertThat(d.next().journey()).isEqualTo("post-purchase");
        assertThat(d.next().executionName()).isEqualTo(EXECUTION);
        assertThat(d.next().step()).isEqualTo("accessories");
        assertThat(d.next().options().offsetByArea()).containsKey("Nord");

        DispatchStep plain = (DispatchStep) JourneyStepPayloads.parse(dispatchWithNext(null, null));
        assertThat(plain.planSkipped()).isFalse();
        assertThat(plain.next()).isNull();
    }

    @Test
    void aBadNextOrSkippedIsIllegal() {
        assertThatThrownBy(() -> JourneyStepPayloads.parse(dispatchWithNext("tutorial", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("next");
        assertThatThrownBy(() -> JourneyStepPayloads.parse(dispatchWithNext(payload("action", "plan"), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("next");
        assertThatThrownBy(() -> JourneyStepPayloads.parse(dispatchWithNext(null, "yes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skipped");
    }

    @Test
    void aMilestoneWatchIsAParkWithItsJourneyAndSignal() {
        ParkStep watch = (ParkStep) JourneyStepPayloads.parse(payload(
                "action",
                "park",
                "customerId",
                "c-1",
                "executionId",
                ARN,
                "taskToken",
                "tok",
                "milestonesOf",
                "onboarding-72h",
                "finishedError",
                "Attimo.OnboardingFinished"));
        assertThat(watch.milestonesOf()).isEqualTo("onboarding-72h");
        assertThat(watch.finishedError()).isEqualTo("Attimo.OnboardingFinished");
        assertThat(watch.eventTypes()).isEmpty();
        assertThatThrownBy(() -> JourneyStepPayloads.parse(
                        payload("action", "park", "customerId", "c-1", "executionId", ARN, "taskToken", "tok")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventTypes");
    }

    @Test
    void anUnknownOrMissingActionIsIllegal() {
        assertThatThrownBy(() -> JourneyStepPayloads.parse(payload("action", "teleport")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("teleport");
        assertThatThrownBy(() -> JourneyStepPayloads.parse(payload("customerId", "c-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("action is required");
    }

    @Test
    void anExecutionArnIsReducedToItsName() {
        var step = (DispatchStep) JourneyStepPayloads.parse(payload(
                "action",
                "dispatch",
                "customerId",
                "c-1",
                "journey",
                "post-purchase",
                "step",
                "welcome",
                "channel",
                "email",
                "executionId",
                ARN));
        assertThat(step.executionName()).isEqualTo(EXECUTION);
    }

    @Test
    void aDispatchCarriesItsContextOfIdsAndRefusesNestedValues() {
        Map<String, Object> p = new java.util.HashMap<>(payload(
                "action",
                "dispatch",
                "customerId",
                "c-1",
                "journey",
                "delivery-delay",
                "step",
                "apology",
                "channel",
                "sms",
                "executionId",
                EXECUTION));
        java.util.Map<String, Object> context = new java.util.LinkedHashMap<>();
        context.put("orderId", "o-1");
        context.put("delayHours", 72);
        context.put("coupon", null);
        p.put("context", context);
        assertThat(((DispatchStep) JourneyStepPayloads.parse(p)).context())
                .isEqualTo(Map.of("orderId", "o-1", "delayHours", "72"));

        p.put("context", Map.of("items", java.util.List.of("a")));
        assertThatThrownBy(() -> JourneyStepPayloads.parse(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context.items");
        p.put("context", "o-1");
        assertThatThrownBy(() -> JourneyStepPayloads.parse(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context must be an object");
        p.remove("context");
        assertThat(((DispatchStep) JourneyStepPayloads.parse(p)).context()).isEmpty();
    }

    @Test
    void parkWithoutEventTypesIsIllegalAndOneEventTypeIsEnough() {
        assertThatThrownBy(() -> JourneyStepPayloads.parse(
                        payload("action", "park", "customerId", "c-1", "taskToken", "t", "executionId", EXECUTION)))
                .isInstanceOf(IllegalArgumentException.class);
        var park = (ParkStep) JourneyStepPayloads.parse(payload(
                "action",
                "park",
                "customerId",
                "c-1",
                "taskToken",
                "t",
                "executionId",
                ARN,
                "eventType",
                "portal.accessed",
                "timeoutSeconds",
                90));
        assertThat(park.eventTypes()).isEqualTo(List.of("portal.accessed"));
        assertThat(park.step()).isEqualTo("wait");
        assertThat(park.timeoutSeconds()).isEqualTo(90L);
    }

    @Test
    void aTimelineMarkMustBeADuration() {
        assertThatThrownBy(() -> JourneyStepPayloads.parse(payload(
                        "action", "timeline", "anchor", "2026-06-10T08:00:00Z", "marks", payload("x", "tomorrow"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x must be an ISO-8601 duration like PT24H");
    }

    @Test
    void aPlanReadsItsChannelsAreaOffsetsAndStartRule() {
        Map<String, Object> p = plan("2026-06-10T08:00:00Z", "PT76H", "email", "marketing");
        p.put("channels", List.of("push", "sms", "email"));
        p.put("offsetByArea", Map.of("Nord", "PT68H", "Sud e Isole", "PT84H"));
        p.put("start", "next-working-day");
        var step = (it.attimo.core.journey.PlanStep) JourneyStepPayloads.parse(p);
        assertThat(step.options().channels())
                .containsExactly(
                        it.attimo.core.channel.Channel.PUSH,
                        it.attimo.core.channel.Channel.SMS,
                        it.attimo.core.channel.Channel.EMAIL);
        assertThat(step.options().offsetByArea()).containsEntry("Nord", java.time.Duration.ofHours(68));
        assertThat(step.options().start()).isEqualTo("next-working-day");

        p.put("offsetByArea", "PT68H");
        assertThatThrownBy(() -> JourneyStepPayloads.parse(p)).hasMessageContaining("offsetByArea must be an object");
        p.put("offsetByArea", Map.of("Nord", "68 ore"));
        assertThatThrownBy(() -> JourneyStepPayloads.parse(p)).hasMessageContaining("offsetByArea.Nord");
        p.put("offsetByArea", Map.of("Lazio", "PT68H"));
        assertThatThrownBy(() -> JourneyStepPayloads.parse(p)).hasMessageContaining("not an area group");
    }

    @Test
    void aCouponStepNamesItsExecutionStepAndOrder() {
        var step = (it.attimo.core.journey.CouponStep) JourneyStepPayloads.parse(payload(
                "action", "coupon", "customerId", "c-1", "executionId", ARN, "step", "apology", "orderId", "o-1"));
        assertThat(step.executionName()).isEqualTo(EXECUTION);
        assertThat(step.orderId()).isEqualTo("o-1");
        assertThatThrownBy(() ->
                        JourneyStepPayloads.parse(payload("action", "coupon", "customerId", "c-1", "executionId", ARN)))
                .hasMessageContaining("step is required");
    }
}
