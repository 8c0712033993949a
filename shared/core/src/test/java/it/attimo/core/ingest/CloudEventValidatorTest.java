package it.attimo.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.json.Json;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CloudEventValidatorTest {
    final CloudEventValidator validator = new CloudEventValidator();

    ObjectNode valid() {
        ObjectNode n = Json.object();
        n.put("specversion", "1.0");
        n.put("id", "e-1");
        n.put("source", "shop");
        n.put("type", "order.placed");
        n.put("subject", "c-1");
        n.put("time", "2026-06-10T08:00:00Z");
        n.putObject("data").put("orderId", "o-1");
        return n;
    }

    String problemWith(Consumer<ObjectNode> change) {
        ObjectNode n = valid();
        change.accept(n);
        EventOutcome o = validator.check(3, n);
        assertThat(o.index()).isEqualTo(3);
        return o.status() == EventOutcome.Status.REJECTED ? o.error() : null;
    }

    @Test
    void validEventIsAccepted() {
        EventOutcome o = validator.check(0, valid());
        assertThat(o.status()).isEqualTo(EventOutcome.Status.ACCEPTED);
        assertThat(o.event().id()).isEqualTo("e-1");
        assertThat(o.event().time()).isEqualTo(Instant.parse("2026-06-10T08:00:00Z"));
        assertThat(o.event().text("orderId")).isEqualTo("o-1");
    }

    @Test
    void requiredAttributes() {
        assertThat(problemWith(n -> n.remove("specversion"))).isEqualTo("specversion is required");
        assertThat(problemWith(n -> n.put("specversion", "0.3"))).isEqualTo("specversion must be \"1.0\"");
        assertThat(problemWith(n -> n.put("specversion", 1.0))).isEqualTo("specversion must be \"1.0\"");
        assertThat(problemWith(n -> n.remove("id"))).isEqualTo("id is required (non-empty string)");
        assertThat(problemWith(n -> n.put("id", 7))).isEqualTo("id is required (non-empty string)");
        assertThat(problemWith(n -> n.put("id", "x".repeat(257)))).isEqualTo("id is longer than 256 characters");
        assertThat(problemWith(n -> n.put("source", ""))).isEqualTo("source is required (non-empty URI-reference)");
        assertThat(problemWith(n -> n.remove("type"))).isEqualTo("type is required");
        assertThat(problemWith(n -> n.remove("subject"))).isEqualTo("subject (the customer id) is required");
        assertThat(problemWith(n -> n.remove("time"))).startsWith("time is required");
        assertThat(problemWith(n -> n.put("time", "10/06/2026")))
                .isEqualTo("time '10/06/2026' is not an RFC 3339 timestamp");
        assertThat(problemWith(n -> n.put("time", "2026-06-10T08:00:00"))).contains("not an RFC 3339");
    }

    @Test
    void dataShape() {
        assertThat(problemWith(n -> n.put("data", "text"))).isEqualTo("data must be a JSON object");
        assertThat(problemWith(n -> n.put("datacontenttype", "text/xml")))
                .isEqualTo("datacontenttype must be application/json");
        assertThat(problemWith(n -> n.put("datacontenttype", "application/json; charset=utf-8")))
                .isNull();
        assertThat(problemWith(n -> {
                    n.remove("data");
                    n.put("data_base64", "e30=");
                }))
                .startsWith("data_base64 is not supported");
        assertThat(problemWith(n -> {
                    n.remove("data");
                    n.put("type", "portal.accessed");
                }))
                .isNull();
        assertThat(problemWith(n -> {
                    n.putNull("data");
                    n.put("type", "portal.accessed");
                }))
                .isNull();
        // an order names its order, so an order event without data is refused
        assertThat(problemWith(n -> n.remove("data")))
                .isEqualTo("order.placed: orderId is required (non-empty string)");
    }

    @Test
    void dataRuleProblemsNameTheType() {
        assertThat(problemWith(n -> {
                    n.put("type", "survey.answered");
                    n.putObject("data").put("nps", 12);
                }))
                .isEqualTo("survey.answered: nps must be between 0 and 10");
    }

    @Test
    void subjectMustBeAnOpaqueId() {
        for (String s : new String[] {"anna@example.it", "+393331234567", "has space", "x".repeat(129), "-leading"}) {
            String problem = problemWith(n -> n.put("subject", s));
            assertThat(problem)
                    .as(s)
                    .startsWith("subject must be an opaque customer id")
                    .doesNotContain(s);
        }
        for (String s : new String[] {"c-1", "hs-123-456", "crm:42", "A.b_c"}) {
            assertThat(problemWith(n -> n.put("subject", s))).as(s).isNull();
        }
    }

    @Test
    void longTypeIsAbbreviated() {
        String problem = problemWith(n -> n.put("type", "t".repeat(500)));
        assertThat(problem).hasSizeLessThan(120).contains("...");
    }

    @Test
    void oversizedEventIsRejectedWithItsId() {
        EventOutcome o = validator.check(0, valid().put("pad", "x".repeat(CloudEventValidator.MAX_EVENT_BYTES)));
        assertThat(o.status()).isEqualTo(EventOutcome.Status.REJECTED);
        assertThat(o.eventId()).isEqualTo("e-1");
        assertThat(o.error()).contains("larger than");
    }
}
