package it.attimo.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import it.attimo.core.testing.SnsTestSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SesMappingTest {
    final SesMapping mapping = SesMapping.loadDefault();

    SesMapping.Mapped map(String json) throws Exception {
        return mapping.map(Json.parse(json)).orElseThrow();
    }

    @Test
    void aTransientBounceKeepsItsTypeForTheFoldToJudge() throws Exception {
        SesMapping.Mapped m = map(SnsTestSigner.text("/events/ses-bounce-transient.json"));
        assertThat(m.eventType()).isEqualTo(EventTypes.EMAIL_BOUNCED);
        assertThat(m.data()).containsEntry("bounceType", "Transient").containsEntry("bounceSubType", "MailboxFull");
        assertThat(m.providerMessageId()).isEqualTo("MSGID");
    }

    @Test
    void theOlderNotificationFormatAndTheRemainingTypesMap() throws Exception {
        String mail = "\"mail\":{\"timestamp\":\"2026-06-10T08:00:00Z\",\"messageId\":\"m-1\"}";
        assertThat(map("{\"notificationType\":\"Delivery\"," + mail + "}").eventType())
                .isEqualTo(EventTypes.EMAIL_DELIVERED);
        SesMapping.Mapped reject =
                map("{\"eventType\":\"Reject\"," + mail + ",\"reject\":{\"reason\":\"Bad content\"}}");
        assertThat(reject.eventType()).isEqualTo(EventTypes.EMAIL_REJECTED);
        assertThat(reject.time()).isEqualTo(Instant.parse("2026-06-10T08:00:00Z"));
        assertThat(reject.data()).containsEntry("reason", "Bad content");
        assertThat(map("{\"eventType\":\"DeliveryDelay\"," + mail
                                + ",\"deliveryDelay\":{\"timestamp\":\"2026-06-10T09:00:00Z\",\"delayType\":\"MailboxFull\"}}")
                        .data())
                .containsEntry("delayType", "MailboxFull");
        assertThat(map("{\"eventType\":\"Rendering Failure\"," + mail
                                + ",\"failure\":{\"templateName\":\"welcome\",\"errorMessage\":\"x\"}}")
                        .eventType())
                .isEqualTo(EventTypes.EMAIL_FAILED);
        assertThat(map("{\"eventType\":\"Send\"," + mail + ",\"send\":{}}").eventType())
                .isEqualTo(EventTypes.EMAIL_SENT);
    }

    @Test
    void unusableRecordsAreNamed() {
        assertThatThrownBy(() -> map("{\"mail\":{\"messageId\":\"m\"}}")).hasMessageContaining("eventType");
        assertThatThrownBy(() -> map("{\"eventType\":\"Open\",\"mail\":{\"messageId\":\"m\"}}"))
                .hasMessageContaining("timestamp");
        assertThatThrownBy(() -> map("{\"eventType\":\"Open\",\"mail\":{\"messageId\":\"m\",\"timestamp\":\"ieri\"}}"))
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> mapping.map(Json.parse("[]"))).hasMessageContaining("JSON object");
    }

    @Test
    void aMappingFileIsCheckedWhenLoaded(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> SesMapping.parse("{}", "m")).hasMessageContaining("rules");
        assertThatThrownBy(() -> SesMapping.parse("{\"rules\":[{\"eventType\":\"email.opened\"}]}", "m"))
                .hasMessageContaining("sesType");
        assertThatThrownBy(() -> SesMapping.parse("{\"rules\":[{\"sesType\":\"Open\",\"eventType\":\"x.y\"}]}", "m"))
                .hasMessageContaining("vocabulary");
        assertThatThrownBy(() -> SesMapping.parse(
                        "{\"rules\":[{\"sesType\":\"Open\",\"eventType\":\"email.opened\"},"
                                + "{\"sesType\":\"Open\",\"eventType\":\"email.clicked\"}]}",
                        "m"))
                .hasMessageContaining("second rule");
        assertThatThrownBy(() -> SesMapping.parse("{", "m")).hasMessageContaining("not valid JSON");
        Path file = dir.resolve("ses.json");
        Files.writeString(
                file, "{\"source\":\"aws:ses:eu\",\"rules\":[{\"sesType\":\"Open\",\"eventType\":\"email.opened\"}]}");
        SesMapping custom = SesMapping.load(file);
        assertThat(custom.source()).isEqualTo("aws:ses:eu");
        assertThat(custom.map(Json.parse("{\"eventType\":\"Click\",\"mail\":{\"messageId\":\"m\"}}")))
                .isEmpty();
        assertThatThrownBy(() -> SesMapping.load(dir.resolve("missing.json"))).hasMessageContaining("cannot read");
    }
}
