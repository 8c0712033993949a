package it.attimo.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.error.BadRequest;
import it.attimo.core.error.InvalidSignature;
import it.attimo.core.error.PayloadTooLarge;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.testing.FixedSecrets;
import it.attimo.core.testing.InMemoryEventQueue;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.SnsTestSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SalesforceIngestTest {
    static final String ORG = "00D5g000004ABCD"; // the 15-character form of the fixture's 18-character id
    final MutableClock wall = MutableClock.at("2026-11-22T10:00:00Z");
    final InMemoryEventQueue queue = new InMemoryEventQueue();
    final InMemoryQuarantineStore quarantine = new InMemoryQuarantineStore();
    final IngestEvents ingest =
            new IngestEvents(queue, quarantine, FixedSecrets.defaults(), HubSpotMapping.loadDefault(), wall);
    final SalesforceIngest salesforce =
            new SalesforceIngest(ingest, SalesforceMapping.loadDefault(), Set.of(ORG), wall);

    static byte[] fixture() {
        return SnsTestSigner.text("/events/salesforce-order-delivered.xml").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anOrderDeliveredAndADelayBecomeEventsAndOtherStatusesAreIgnored() {
        IngestResult r = salesforce.outboundMessage(fixture());
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.ignored()).isEqualTo(1);
        CustomerEvent delivered = queue.published().get(0);
        assertThat(delivered.type()).isEqualTo(EventTypes.ORDER_DELIVERED);
        assertThat(delivered.customerId()).isEqualTo("sf-0015g00000CUST01");
        assertThat(delivered.time()).isEqualTo(Instant.parse("2026-06-10T08:30:00Z"));
        assertThat(delivered.source()).isEqualTo("salesforce:org/" + ORG);
        assertThat(delivered.data()).containsEntry("orderId", "00000101");
        CustomerEvent delayed = queue.published().get(1);
        assertThat(delayed.type()).isEqualTo(EventTypes.DELIVERY_DELAYED);
        assertThat(delayed.data()).containsEntry("delayHours", 36.0).containsEntry("orderId", "00000102");
    }

    @Test
    void aRetryOfTheSameMessageGivesTheSameIds() {
        salesforce.outboundMessage(fixture());
        salesforce.outboundMessage(fixture());
        assertThat(queue.published().get(0).id())
                .isEqualTo(queue.published().get(2).id());
    }

    @Test
    void anUnknownOrganizationIsRefusedAndNothingStored() {
        SalesforceIngest other =
                new SalesforceIngest(ingest, SalesforceMapping.loadDefault(), Set.of("00D000000000001"), wall);
        assertThatThrownBy(() -> other.outboundMessage(fixture()))
                .isInstanceOf(InvalidSignature.class)
                .hasMessageContaining("00D5g000004ABCDEAZ");
        SalesforceIngest none = new SalesforceIngest(ingest, SalesforceMapping.loadDefault(), Set.of(), wall);
        assertThatThrownBy(() -> none.outboundMessage(fixture())).isInstanceOf(InvalidSignature.class);
        assertThat(queue.published()).isEmpty();
        assertThat(quarantine.all()).isEmpty();
    }

    @Test
    void anExternalEntityIsNeverResolved(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                + "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"><OrganizationId>&xxe;"
                + "</OrganizationId></notifications></soapenv:Body></soapenv:Envelope>";
        assertThatThrownBy(() -> salesforce.outboundMessage(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
        String billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><a>&lol2;</a>";
        assertThatThrownBy(() -> salesforce.outboundMessage(billionLaughs.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequest.class);
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void malformedMessagesArePreciseBadRequests() {
        assertThatThrownBy(() -> salesforce.outboundMessage("not xml".getBytes()))
                .isInstanceOf(BadRequest.class)
                .hasMessageContaining("well-formed");
        assertThatThrownBy(() -> salesforce.outboundMessage("<a/>".getBytes())).hasMessageContaining("notifications");
        assertThatThrownBy(() -> salesforce.outboundMessage(
                        "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"/>".getBytes()))
                .hasMessageContaining("OrganizationId");
        assertThatThrownBy(() -> salesforce.outboundMessage(
                        ("<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"><OrganizationId>" + ORG
                                        + "</OrganizationId><Notification/></notifications>")
                                .getBytes()))
                .hasMessageContaining("Id and an sObject");
        assertThatThrownBy(() -> salesforce.outboundMessage(new byte[SalesforceIngest.MAX_BODY_BYTES + 1]))
                .isInstanceOf(PayloadTooLarge.class);
    }

    @Test
    void aMatchingNotificationWithoutItsCustomerOrWithABadValueIsQuarantined() {
        String xml = new String(fixture(), StandardCharsets.UTF_8)
                .replace("<sf:AccountId>0015g00000CUST01</sf:AccountId>", "")
                .replace("36.0", "molte")
                .replace("2026-06-10T08:30:00.000Z", "ieri");
        IngestResult r = salesforce.outboundMessage(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.rejected()).isEqualTo(2);
        assertThat(r.results().get(0).error()).contains("AccountId");
        assertThat(r.results().get(1).error()).contains("Delay_Hours__c");
        assertThat(quarantine.all()).hasSize(2);
        String noTime = new String(fixture(), StandardCharsets.UTF_8)
                .replace("<sf:LastModifiedDate>2026-06-10T08:30:00.000Z</sf:LastModifiedDate>", "");
        queue.published();
        salesforce.outboundMessage(noTime.getBytes(StandardCharsets.UTF_8));
        assertThat(queue.published().get(0).time()).isEqualTo(wall.instant());
        String badTime = new String(fixture(), StandardCharsets.UTF_8).replace("2026-06-10T09:00:00.000Z", "ieri");
        assertThat(salesforce
                        .outboundMessage(badTime.getBytes(StandardCharsets.UTF_8))
                        .rejected())
                .isEqualTo(1);
    }

    @Test
    void aMappingFileIsChecked() {
        assertThatThrownBy(() -> SalesforceMapping.parse("{}", "m")).hasMessageContaining("rules");
        assertThatThrownBy(() -> SalesforceMapping.parse("{\"rules\":[{}]}", "m"))
                .hasMessageContaining("sObject");
        assertThatThrownBy(() -> SalesforceMapping.parse("{\"rules\":[{\"sObject\":\"Order\"}]}", "m"))
                .hasMessageContaining("customerField");
        assertThatThrownBy(() -> SalesforceMapping.parse(
                        "{\"rules\":[{\"sObject\":\"Order\",\"customerField\":\"A\",\"eventType\":\"x\"}]}", "m"))
                .hasMessageContaining("vocabulary");
        assertThatThrownBy(() -> SalesforceMapping.parse("{", "m")).hasMessageContaining("not valid JSON");
        SalesforceMapping any = SalesforceMapping.parse(
                "{\"rules\":[{\"sObject\":\"Order\",\"customerField\":\"AccountId\",\"eventType\":\"order.placed\"}]}",
                "m");
        assertThat(any.map(new SalesforceOutboundMessage.Notification(
                                "n", "Order", java.util.Map.of("AccountId", "A1", "Status", "Whatever")))
                        .orElseThrow()
                        .customerId())
                .isEqualTo("sf-A1");
    }
}
