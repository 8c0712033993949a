package it.attimo.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.testing.Events;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventJsonTest {
    @Test
    void roundTripKeepsEveryField() {
        CustomerEvent e = Events.event(EventTypes.FORM_COMPLETED, "c-1")
                .id("e-1")
                .source("portal")
                .at("2026-06-10T08:00:00.123Z")
                .data("formId", "f")
                .data("durationSeconds", 42.5)
                .data("tags", List.of("a", "b"))
                .data("nested", Map.of("k", true))
                .build();
        CustomerEvent back = CloudEventJson.fromJson(CloudEventJson.toJson(e));
        assertThat(back).isEqualTo(e);
        assertThat(CloudEventJson.toNode(e).get("specversion").asText()).isEqualTo("1.0");
        assertThat(CloudEventJson.toNode(e).get("subject").asText()).isEqualTo("c-1");
    }

    @Test
    void readsTimesWithAnOffset() {
        CustomerEvent e = CloudEventJson.fromJson(
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"order.placed\","
                        + "\"subject\":\"c\",\"time\":\"2026-06-10T10:00:00+02:00\"}");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-06-10T08:00:00Z"));
        assertThat(e.data()).isEmpty();
    }

    @Test
    void refusesWhatIsNotAnEventWithIllegalArgumentException() {
        assertThatThrownBy(() -> CloudEventJson.fromJson("{")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloudEventJson.fromJson("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloudEventJson.fromJson(
                        "{\"id\":\"e\",\"type\":\"order.placed\",\"subject\":\"c\"," + "\"time\":\"yesterday\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time");
        for (String missing : new String[] {"id", "type", "subject", "time"}) {
            var n = CloudEventJson.toNode(
                    Events.event(EventTypes.ORDER_PLACED, "c").id("e").build());
            n.remove(missing);
            assertThatThrownBy(() -> CloudEventJson.fromNode(n))
                    .as(missing)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(missing);
        }
    }
}
