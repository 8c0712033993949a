package it.attimo.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every dispatch in every state machine (statemachines/*.asl.json) renders in both registers on its channel, so no
 * send can fail for a missing template; and the steps issue 9 names have their templates before their ASL exists.
 */
class TemplatesCoverStateMachinesTest {
    static final Path STATE_MACHINES = Path.of("..", "..", "statemachines");
    static final List<String> ISSUE_9_STEPS = List.of(
            "post-purchase.welcome",
            "post-purchase.tutorial",
            "post-purchase.contextual",
            "post-purchase.survey",
            "post-purchase.accessories",
            "post-purchase.repurchase",
            "delivery-delay.apology",
            "order-return.reassurance",
            "order-return.help");

    final MessageRenderer renderer = MessageRenderer.bundled(
            "https://shop.example", new CustomerLinkToken("coverage-test-secret", java.time.Clock.systemUTC()));

    @Test
    void everyDispatchedStepRendersInBothRegistersOnItsChannel() throws IOException {
        Set<String> dispatches = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(STATE_MACHINES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".asl.json"))
                    .sorted()
                    .toList()) {
                collect(Json.parse(Files.readString(file)), dispatches);
            }
        }
        assertThat(dispatches).isNotEmpty();
        for (String dispatch : dispatches) {
            String[] parts = dispatch.split("\\|");
            assertRenders(parts[0], parts[1], Channel.parse(parts[2]), parts[3]);
        }
    }

    @Test
    void theStepsOfIssue9RenderOnEveryChannel() {
        for (String step : ISSUE_9_STEPS) {
            String[] parts = step.split("\\.");
            assertThat(renderer.templates().covers(parts[0], parts[1])).as(step).isTrue();
            for (Channel channel : Channel.values()) {
                assertRenders(parts[0], parts[1], channel, "marketing");
            }
        }
    }

    @Test
    void everyStepOfTheContentFilesHasItsTemplatesAndItsKind() {
        MessageContent content = renderer.content();
        assertThat(content.steps()).containsAll(ISSUE_9_STEPS);
        for (String step : content.steps()) {
            String[] parts = step.split("\\.");
            assertThat(renderer.templates().covers(parts[0], parts[1])).as(step).isTrue();
            assertThat(content.kindOf(parts[0], parts[1])).isIn("transactional", "service", "survey", "marketing");
        }
        assertThat(content.kindOf("post-purchase", "accessories")).isEqualTo("marketing");
        assertThat(content.kindOf("delivery-delay", "apology")).isEqualTo("transactional");
        assertThat(content.kindOf("nowhere", "nothing")).isEqualTo("service");
    }

    private void assertRenders(String journey, String step, Channel channel, String kind) {
        for (String tone : List.of(ToneRule.FORMALE, ToneRule.INFORMALE)) {
            RenderedMessage m = renderer.render(new MessageInput(
                    "c-1",
                    journey,
                    step,
                    channel,
                    kind,
                    "c-1#x#" + step,
                    null,
                    null,
                    tone,
                    null,
                    null,
                    Map.of("orderId", "o-1", "coupon", "SCUSA-1"),
                    null));
            String what = journey + "." + step + " " + channel.id() + " " + tone;
            assertThat(m.text()).as(what).isNotBlank().doesNotContain("{{").doesNotContain("null");
            if (channel != Channel.PUSH) {
                assertThat(m.text()).as(what).startsWith(tone.equals(ToneRule.FORMALE) ? "Buongiorno" : "Ciao");
            }
            if (channel == Channel.EMAIL) assertThat(m.subject()).as(what).isNotBlank();
            for (String url : m.links().values()) assertThat(url).as(what).doesNotContain("{");
            if (channel != Channel.PUSH && m.links().containsKey("return")) {
                assertThat(m.text()).as(what).contains(m.links().get("return"));
            }
        }
    }

    /** journey|step|channel|kind of every Task payload with action "dispatch", however deeply nested. */
    static void collect(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            if ("dispatch".equals(node.path("action").asText()) && node.has("journey") && node.has("step")) {
                // a channel chosen at run time ("channel.$") may be any of them
                List<String> channels = node.path("channel").isTextual()
                        ? List.of(node.path("channel").asText())
                        : Stream.of(Channel.values()).map(Channel::id).toList();
                for (String channel : channels) {
                    into.add(node.get("journey").asText() + "|"
                            + node.get("step").asText() + "|" + channel + "|"
                            + node.path("kind").asText("service"));
                }
            }
            node.forEach(child -> collect(child, into));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, into));
        }
    }
}
