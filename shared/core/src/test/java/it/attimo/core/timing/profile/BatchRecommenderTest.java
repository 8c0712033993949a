package it.attimo.core.timing.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.core.channel.Channel;
import it.attimo.core.timing.MessageKind;
import it.attimo.core.timing.SendWindowPlanner;
import it.attimo.core.timing.synthetic.SyntheticNdjson;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logic behind {@code attimo recommend} and {@code attimo plan --history}. */
class BatchRecommenderTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-09T00:00:00Z");

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneLinePerCustomerInsideTheWindowAndTheCalendar(@TempDir Path dir) throws Exception {
        SyntheticNdjson.write(dir, 300, 8, 5);
        StringWriter out = new StringWriter();
        BatchRecommender.Summary s;
        try (InputStream c = Files.newInputStream(dir.resolve("customers.ndjson"));
                InputStream e = Files.newInputStream(dir.resolve("events.ndjson"))) {
            s = new BatchRecommender(SendWindowPlanner.defaults())
                    .run(c, e, FROM, TO, Channel.EMAIL, MessageKind.MARKETING, out);
        }
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(300);
        assertThat(s.customers()).isEqualTo(300);
        // a recommendation never skips: every customer gets a slot, below the threshold when nothing reaches 80
        assertThat(s.planned()).isEqualTo(300);
        assertThat(s.skipped()).isZero();
        assertThat(s.events()).isPositive();
        // 8 weeks of 300 customers: enough to choose the half-life on the last week before FROM
        assertThat(HalfLifeSelection.GRID).contains(s.halfLife());
        assertThat(s.halfLifeBasis())
                .startsWith("chosen on the week from 2026-02-23T00:00:00Z held out, 300 customers");
        for (String line : lines) {
            JsonNode j = M.readTree(line);
            assertThat(j.get("customerId").asText()).startsWith("c-");
            assertThat(j.get("sendAt").isNull()).isFalse();
            Instant at = Instant.parse(j.get("sendAt").asText());
            assertThat(at).isBetween(FROM, TO);
            LocalDateTime local = LocalDateTime.ofInstant(at, ZoneId.of("Europe/Rome"));
            assertThat(local.toLocalTime()).isBetween(java.time.LocalTime.of(9, 30), java.time.LocalTime.of(13, 45));
            if (j.get("belowThreshold").asBoolean()) {
                assertThat(j.get("suitability").asInt()).isLessThan(80);
                assertThat(j.get("reasons").get(0).asText()).startsWith("below-threshold: no slot reached 80");
            } else {
                assertThat(j.get("suitability").asInt()).isBetween(80, 100);
                assertThat(j.has("reasons")).isFalse();
            }
        }
    }

    @Test
    void readsOnlyIdComuneAndSegmentAndFallsBackOnUnknownComuni() {
        String customers =
                "{\"id\":\"a\",\"email\":\"x@example.com\",\"comune\":\"015146\",\"segment\":\"b2b\",\"consent\":{\"email\":true}}\n"
                        + "\n{\"id\":\"b\",\"comune\":\"999999\"}\n";
        String events =
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"email.opened\",\"subject\":\"a\",\"time\":\"2026-02-24T09:10:00Z\",\"data\":{\"x\":[1,2]}}\n"
                        + "{\"id\":\"2\",\"type\":\"portal.accessed\",\"subject\":\"zzz\",\"time\":\"2026-02-24T09:10:00.5Z\"}\n";
        StringWriter out = new StringWriter();
        BatchRecommender.Summary s = new BatchRecommender(SendWindowPlanner.defaults())
                .run(text(customers), text(events), FROM, TO, Channel.EMAIL, MessageKind.MARKETING, out);
        assertThat(s.customers()).isEqualTo(2);
        assertThat(s.unknownComuni()).isEqualTo(1);
        assertThat(s.halfLife()).isEqualTo(ProfileSettings.HALF_LIFE);
        assertThat(s.halfLifeBasis()).isEqualTo("default 42 days: less than 14 days of history");
        assertThat(s.events()).isEqualTo(2);
        assertThat(out.toString())
                .doesNotContain("example.com")
                .contains("\"customerId\":\"a\"")
                .contains("\"customerId\":\"b\"");
    }

    @Test
    void badLinesNameTheLineNotTheContent() {
        String events =
                "{\"type\":\"email.opened\",\"subject\":\"a\",\"time\":\"2026-02-24T09:10:00Z\"}\n{\"type\":\"email.opened\",\"subject\":\"mario.rossi@example.com\"}\n";
        assertThatThrownBy(() -> NdjsonEvents.read(text(events), (t, s, i) -> {}))
                .hasMessage("events line 2: missing type, subject or time");
        assertThatThrownBy(() -> NdjsonEvents.read(
                        text("{\"type\":\"x\",\"subject\":\"a\",\"time\":\"yesterday\"}\n"), (t, s, i) -> {}))
                .hasMessage("events line 1: time is not an ISO-8601 instant");
        assertThatThrownBy(() -> NdjsonEvents.read(text("{\"type\":\n"), (t, s, i) -> {}))
                .hasMessageStartingWith("events line")
                .hasMessageEndingWith("invalid JSON");
    }

    @Test
    void fastInstantParsingAgreesWithInstantParse() {
        for (String s : List.of(
                "2026-03-29T01:00:00Z",
                "2024-02-29T23:59:59Z",
                "2026-10-25T00:30:00.250Z",
                "2026-10-25T02:30:00+02:00")) {
            assertThat(NdjsonEvents.parseInstant(s))
                    .isEqualTo(java.time.OffsetDateTime.parse(s).toInstant());
        }
    }

    @Test
    void customerHistoryGivesPredictionAndPastSends() {
        String events = "{\"type\":\"email.sent\",\"subject\":\"a\",\"time\":\"2026-02-24T08:00:00Z\"}\n"
                + "{\"type\":\"email.opened\",\"subject\":\"a\",\"time\":\"2026-02-24T09:10:00Z\"}\n"
                + "{\"type\":\"email.sent\",\"subject\":\"b\",\"time\":\"2026-02-24T08:00:00Z\"}\n"
                + "{\"type\":\"email.sent\",\"subject\":\"a\",\"time\":\"2026-03-05T08:00:00Z\"}\n";
        CustomerHistory h = CustomerHistory.of(text(events), "a", FROM);
        assertThat(h.customers()).isEqualTo(2);
        assertThat(h.sends())
                .singleElement()
                .satisfies(p -> assertThat(p.at()).isEqualTo(Instant.parse("2026-02-24T08:00:00Z")));
        assertThat(h.prediction().customerId()).isEqualTo("a");
        assertThat(CustomerHistory.of(text(events), "nobody", FROM).prediction().label())
                .isEqualTo("popolazione");
    }
}
