package it.attimo.core.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.core.calendar.CalendarListing;
import it.attimo.core.calendar.ItalianCalendar;
import it.attimo.core.channel.Channel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The logic behind {@code attimo plan --json} and {@code attimo holidays --json}. */
class SendPlanJsonTest {
    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void plannedSendHasInstantLocalTimeScoreAndReasons() throws Exception {
        SendPlan plan = SendWindowPlanner.defaults()
                .plan(PlanRequest.builder(Channel.EMAIL, Instant.parse("2026-07-07T06:00:00Z"))
                        .comune("058091")
                        .build());
        JsonNode j = M.readTree(SendPlanJson.json(plan));
        assertThat(j.get("sendAt").asText()).isEqualTo("2026-07-07T08:00:00Z");
        assertThat(j.get("localTime").asText()).isEqualTo("2026-07-07T10:00:00");
        assertThat(j.get("utcOffset").asText()).isEqualTo("+02:00");
        assertThat(j.get("suitability").asInt()).isEqualTo(90);
        assertThat(j.get("reasons").isArray()).isTrue();
        assertThat(j.get("skipped").isNull()).isTrue();
    }

    @Test
    void skippedSendHasNoInstantAndSaysWhy() throws Exception {
        SendPlan plan = SendWindowPlanner.defaults()
                .plan(PlanRequest.builder(Channel.EMAIL, Instant.parse("2026-11-24T12:00:00Z"))
                        .deadline(Instant.parse("2026-11-24T12:45:00Z"))
                        .build());
        JsonNode j = M.readTree(SendPlanJson.json(plan));
        assertThat(j.has("sendAt")).isFalse();
        assertThat(j.get("skipped").asText()).contains("no slot");
        assertThat(SendPlanJson.text(plan)).startsWith("skipped: ");
    }

    @Test
    void holidaysJsonHasDateNameAndLowercaseScope() throws Exception {
        JsonNode days =
                M.readTree(CalendarListing.json(ItalianCalendar.bundled().daysOf(2026, "072006")));
        assertThat(days.isArray()).isTrue();
        assertThat(days).anySatisfy(d -> {
            assertThat(d.get("date").asText()).isEqualTo("2026-05-08");
            assertThat(d.get("scope").asText()).isEqualTo("local");
            assertThat(d.get("name").asText()).contains("San Nicola");
        });
        assertThat(days).allSatisfy(d -> assertThat(d.get("scope").asText()).isIn("national", "local", "soft"));
        assertThat(CalendarListing.text(ItalianCalendar.bundled().daysOf(2026, "Bari")))
                .contains("2026-05-08  local");
    }

    @Test
    void argumentErrorsNameTheOption() {
        assertThatThrownBy(() -> TimingArguments.instant("--earliest", "tomorrow"))
                .hasMessageStartingWith("--earliest: 'tomorrow' is not an ISO-8601 instant");
        assertThatThrownBy(() -> TimingArguments.channel("fax"))
                .hasMessageStartingWith("--channel: unknown channel 'fax'");
        assertThatThrownBy(() -> TimingArguments.kind("spam")).hasMessageStartingWith("--kind: unknown message kind");
        assertThatThrownBy(() -> TimingArguments.year("20x6")).hasMessageStartingWith("--year:");
        assertThat(TimingArguments.segment("B2B").id()).isEqualTo("b2b");
    }
}
