package it.attimo.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.json.Json;
import it.attimo.core.message.MessageContent;
import it.attimo.core.timing.MessageKind;
import org.junit.jupiter.api.Test;

class MessageTopicsTest {
    final MessageTopics topics = MessageTopics.bundled();

    @Test
    void stepsTakeTheirOwnTopicElseTheirKinds() {
        assertThat(topics.topicOf("post-purchase", "survey", MessageKind.SURVEY))
                .isEqualTo("sondaggi");
        assertThat(topics.topicOf("post-purchase", "accessories", MessageKind.MARKETING))
                .isEqualTo("offerte");
        assertThat(topics.topicOf("onboarding-72h", "case-study", MessageKind.MARKETING))
                .isEqualTo("novita");
        assertThat(topics.topicOf("post-purchase", "welcome", MessageKind.SERVICE))
                .isEqualTo("servizio");
        assertThat(topics.topicOf("delivery-delay", "apology", MessageKind.TRANSACTIONAL))
                .isEqualTo("servizio");
        assertThat(topics.topicOf("some-journey", "promo", MessageKind.MARKETING))
                .isEqualTo("offerte");
        assertThat(topics.topicOf("some-journey", "ask", MessageKind.SURVEY)).isEqualTo("sondaggi");
        assertThat(topics.topicOf("tray-contratto", "turn", MessageKind.SERVICE))
                .isEqualTo("servizio");
    }

    @Test
    void everyStepWithContentHasAPreferenceTopic() {
        MessageContent content = MessageContent.bundled();
        for (String step : content.steps()) {
            int dot = step.indexOf('.');
            MessageKind kind = MessageKind.parse(content.kindOf(step.substring(0, dot), step.substring(dot + 1)));
            assertThat(topics.topicOf(step.substring(0, dot), step.substring(dot + 1), kind))
                    .as(step)
                    .isIn("servizio", "offerte", "sondaggi", "novita");
        }
    }

    @Test
    void aTopicThatIsNotAPreferenceTopicIsRefusedWhenLoaded() throws Exception {
        assertThatThrownBy(() -> new MessageTopics(Json.parse(
                        "{\"byKind\":{\"transactional\":\"servizio\",\"service\":\"servizio\",\"survey\":\"sondaggi\","
                                + "\"marketing\":\"spam\"}}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("byKind.marketing");
        assertThatThrownBy(() -> new MessageTopics(Json.parse("{\"byKind\":{}}")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MessageTopics.load("no-such.json")).isInstanceOf(IllegalStateException.class);
    }
}
