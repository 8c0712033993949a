package it.attimo.core.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.channel.Channel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageKindTest {
    @Test
    void surveysAreTimedLikeServiceMessages() {
        assertThat(MessageKind.SURVEY.timedAs()).isEqualTo(MessageKind.SERVICE);
        assertThat(MessageKind.TRANSACTIONAL.timedAs()).isEqualTo(MessageKind.TRANSACTIONAL);
        assertThat(MessageKind.MARKETING.timedAs()).isEqualTo(MessageKind.MARKETING);
        assertThat(PlanRequest.builder(Channel.EMAIL, Instant.parse("2026-06-10T08:00:00Z"))
                        .kind(MessageKind.SURVEY)
                        .build()
                        .kind())
                .isEqualTo(MessageKind.SERVICE);
    }

    @Test
    void priorityOrdersTransactionalServiceSurveyMarketing() {
        assertThat(MessageKind.TRANSACTIONAL.priority())
                .isGreaterThan(MessageKind.SERVICE.priority())
                .isEqualTo(4);
        assertThat(MessageKind.SERVICE.priority()).isGreaterThan(MessageKind.SURVEY.priority());
        assertThat(MessageKind.SURVEY.priority()).isGreaterThan(MessageKind.MARKETING.priority());
    }

    @Test
    void parsesItsIdsAndNamesTheAcceptedOnes() {
        assertThat(MessageKind.parse(" Survey ")).isEqualTo(MessageKind.SURVEY);
        assertThat(MessageKind.SURVEY.id()).isEqualTo("survey");
        assertThatThrownBy(() -> MessageKind.parse("spam"))
                .hasMessage("unknown message kind 'spam' (transactional, service, survey, marketing)");
        assertThatThrownBy(() -> MessageKind.parse(null)).hasMessageStartingWith("message kind is required");
    }
}
