package it.attimo.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.event.EventTypes;
import it.attimo.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSpotMappingTest {
    final HubSpotMapping mapping = HubSpotMapping.loadDefault();

    static JsonNode hs(String subscriptionType, String propertyName, String propertyValue) throws Exception {
        var n = Json.object();
        n.put("eventId", 100);
        n.put("subscriptionId", 7);
        n.put("portalId", 62515);
        n.put("objectId", 123);
        n.put("occurredAt", 1780000000000L);
        n.put("subscriptionType", subscriptionType);
        if (propertyName != null) n.put("propertyName", propertyName);
        if (propertyValue != null) n.put("propertyValue", propertyValue);
        return n;
    }

    HubSpotMapping.Mapped map(JsonNode e) {
        Optional<HubSpotMapping.Mapped> m = mapping.map(e);
        assertThat(m).isPresent();
        return m.get();
    }

    @Test
    void contactCreationBecomesAnUpsertForThePortalScopedCustomer() throws Exception {
        HubSpotMapping.Mapped m = map(hs("contact.creation", null, null));
        assertThat(m.eventType()).isEqualTo(EventTypes.CUSTOMER_UPSERTED);
        assertThat(m.customerId()).isEqualTo("hs-62515-123");
        assertThat(m.data()).containsEntry("crm", "hubspot").containsEntry("hubspotPortalId", 62515L);
    }

    @Test
    void propertyChangeRulesCarryTheValueUnderTheirField() throws Exception {
        assertThat(map(hs("contact.propertyChange", "attimo_segment", "b2b")).data())
                .containsEntry("segment", "b2b");
        assertThat(map(hs("contact.propertyChange", "attimo_comune", "015146")).data())
                .containsEntry("comune", "015146");
        assertThat(map(hs("contact.propertyChange", "mobilephone", "+393331234567"))
                        .data())
                .containsEntry("phone", "+393331234567");
        HubSpotMapping.Mapped nps = map(hs("contact.propertyChange", "attimo_nps", "9"));
        assertThat(nps.eventType()).isEqualTo(EventTypes.SURVEY_ANSWERED);
        assertThat(nps.data()).containsEntry("nps", 9L);
        HubSpotMapping.Mapped seconds = map(hs("contact.propertyChange", "attimo_first_module_seconds", "95.5"));
        assertThat(seconds.eventType()).isEqualTo(EventTypes.FORM_COMPLETED);
        assertThat(seconds.data())
                .containsEntry("durationSeconds", 95.5)
                .containsEntry("formId", "first-module")
                .containsEntry("errors", 0);
    }

    @Test
    void propertyValueRulesMatchCaseInsensitively() throws Exception {
        HubSpotMapping.Mapped optOut = map(hs("contact.propertyChange", "hs_email_optout", "TRUE"));
        assertThat(optOut.eventType()).isEqualTo(EventTypes.CONSENT_CHANGED);
        assertThat(optOut.data()).containsEntry("channel", "email").containsEntry("granted", false);
        assertThat(map(hs("contact.propertyChange", "hs_email_optout", "false")).data())
                .containsEntry("granted", true);
        assertThat(map(hs("contact.propertyChange", "lifecyclestage", "customer"))
                        .eventType())
                .isEqualTo(EventTypes.ACCOUNT_REGISTERED);
        assertThat(mapping.map(hs("contact.propertyChange", "lifecyclestage", "lead")))
                .isEmpty();
    }

    @Test
    void privacyDeletionErasesTheCustomer() throws Exception {
        HubSpotMapping.Mapped m = map(hs("contact.privacyDeletion", null, null));
        assertThat(m.eventType()).isEqualTo(EventTypes.CUSTOMER_ERASED);
        assertThat(m.customerId()).isEqualTo("hs-62515-123");
    }

    @Test
    void unmappedEventsAreIgnored() throws Exception {
        assertThat(mapping.map(hs("contact.deletion", null, null))).isEmpty();
        assertThat(mapping.map(hs("deal.propertyChange", "amount", "10"))).isEmpty();
        assertThat(mapping.map(hs("contact.propertyChange", "firstname", "Mario")))
                .isEmpty();
    }

    @Test
    void missingOrWrongFieldsAreRejectedWithTheFieldName() throws Exception {
        for (String field : new String[] {"subscriptionType", "portalId", "objectId", "occurredAt"}) {
            var e = (com.fasterxml.jackson.databind.node.ObjectNode) hs("contact.creation", null, null);
            e.remove(field);
            assertThatThrownBy(() -> mapping.map(e))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(field + " is required");
        }
        var badTime = (com.fasterxml.jackson.databind.node.ObjectNode) hs("contact.creation", null, null);
        badTime.put("occurredAt", "yesterday");
        assertThatThrownBy(() -> mapping.map(badTime)).hasMessage("occurredAt must be epoch milliseconds");
        assertThatThrownBy(() -> mapping.map(hs("contact.propertyChange", "attimo_segment", null)))
                .hasMessage("propertyValue is required for attimo_segment");
        assertThatThrownBy(() -> mapping.map(hs("contact.propertyChange", "attimo_nps", "nine")))
                .hasMessage("propertyValue of attimo_nps must be a integer");
        assertThatThrownBy(() -> mapping.map(Json.parse("[1]"))).hasMessage("event must be a JSON object");
    }

    @Test
    void nonFiniteNumbersAreRejected() throws Exception {
        for (String v : new String[] {"NaN", "Infinity", "-Infinity"}) {
            assertThatThrownBy(() -> mapping.map(hs("contact.propertyChange", "attimo_guide_video_seconds", v)))
                    .as(v)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aReplacementMappingFileReplacesTheRules(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mapping.json");
        Files.writeString(file, """
                {"customerIdPrefix": "crm-",
                 "rules": [
                   {"subscriptionType": "contact.propertyChange", "propertyName": "last_delivery",
                    "eventType": "order.delivered", "valueField": "orderId"},
                   {"subscriptionType": "contact.propertyChange", "eventType": "portal.accessed"}
                 ]}""");
        HubSpotMapping custom = HubSpotMapping.load(file);
        HubSpotMapping.Mapped delivered =
                custom.map(hs("contact.propertyChange", "last_delivery", "o-9")).orElseThrow();
        assertThat(delivered.eventType()).isEqualTo(EventTypes.ORDER_DELIVERED);
        assertThat(delivered.customerId()).isEqualTo("crm-62515-123");
        assertThat(delivered.data()).containsEntry("orderId", "o-9");
        assertThat(custom.map(hs("contact.propertyChange", "anything", "x"))
                        .orElseThrow()
                        .eventType())
                .as("first matching rule wins; a rule without propertyName matches any property")
                .isEqualTo(EventTypes.PORTAL_ACCESSED);
        assertThat(custom.map(hs("contact.creation", null, null))).isEmpty();
    }

    @Test
    void invalidMappingFilesAreRefusedWithTheRuleAndTheReason() {
        assertThatThrownBy(() -> HubSpotMapping.parse("{", "m.json")).hasMessageStartingWith("m.json: not valid JSON");
        assertThatThrownBy(() -> HubSpotMapping.parse("{\"rules\": []}", "m.json"))
                .hasMessage("m.json: 'rules' must be a non-empty array");
        assertThatThrownBy(() -> HubSpotMapping.parse("{\"rules\": [{\"eventType\": \"portal.accessed\"}]}", "m.json"))
                .hasMessage("m.json: rules[0].subscriptionType is required");
        assertThatThrownBy(() -> HubSpotMapping.parse(
                        "{\"rules\": [{\"subscriptionType\": \"a\", \"eventType\": \"order.teleported\"}]}", "m.json"))
                .hasMessage("m.json: rules[0].eventType 'order.teleported' is not in Attimo's vocabulary");
        assertThatThrownBy(() -> HubSpotMapping.parse(
                        "{\"rules\": [{\"subscriptionType\": \"a\", \"eventType\": \"portal.accessed\", \"valueType\": \"date\"}]}",
                        "m.json"))
                .hasMessage("m.json: rules[0].valueType must be string, number or integer");
        assertThatThrownBy(() -> HubSpotMapping.load(Path.of("/no/such/mapping.json")))
                .hasMessageContaining("/no/such/mapping.json");
    }
}
