package it.attimo.aws.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.testing.LocalDynamo;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.journey.MessageRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** On DynamoDB Local: the indexes and updates what comes back from the channels relies on. */
class ChannelFeedbackStoresIT {
    static final DynamoDbClient CLIENT = LocalDynamo.shared().client();
    static final String PREFIX = LocalDynamo.shared().freshTables("feedback");
    static final Instant T = Instant.parse("2026-06-10T08:00:00Z");

    final DynamoMessageLedger ledger = new DynamoMessageLedger(CLIENT, PREFIX);
    final DynamoContactStore contacts = new DynamoContactStore(CLIENT, PREFIX);

    MessageRecord sent(String customer, String providerId) {
        return new MessageRecord(
                        customer,
                        "exec-1#welcome",
                        "post-purchase",
                        "exec-1",
                        "welcome",
                        Channel.EMAIL,
                        "service",
                        T,
                        MessageRecord.SENT,
                        null,
                        providerId,
                        T)
                .withLegalBasis(MessageRecord.CONSENT);
    }

    @Test
    void aSentMessageIsFoundByItsProviderIdAndOutcomesAreAddedOnceEach() {
        ledger.update(sent("c-f1", "ses-f1"));
        ledger.update(sent("c-f2", null));

        MessageRecord found = ledger.byProviderMessageId("ses-f1").orElseThrow();
        assertThat(found.customerId()).isEqualTo("c-f1");
        assertThat(found.legalBasis()).isEqualTo("consent");
        assertThat(ledger.byProviderMessageId("unknown")).isEmpty();
        assertThat(ledger.byProviderMessageId(null)).isEmpty();

        ledger.recordOutcome("c-f1", "exec-1#welcome", "email.opened", T.plusSeconds(60));
        ledger.recordOutcome("c-f1", "exec-1#welcome", "email.opened", T.plusSeconds(120));
        ledger.recordOutcome("c-f1", "exec-1#welcome", "email.clicked", T.plusSeconds(90));
        ledger.recordOutcome("c-f1", "no-such#message", "email.opened", T);

        MessageRecord after = ledger.forCustomer("c-f1").get(0);
        assertThat(after.outcomes())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("email.opened", T.plusSeconds(60), "email.clicked", T.plusSeconds(90)));
        assertThat(ledger.forCustomer("c-f1")).hasSize(1);
        // a ledger record expires 24 months after its send time (DynamoDB TTL on AWS)
        Map<String, AttributeValue> item = CLIENT.getItem(b -> b.tableName(PREFIX + "-messages")
                        .key(Map.of(
                                "customerId",
                                AttributeValue.fromS("c-f1"),
                                "messageId",
                                AttributeValue.fromS("exec-1#welcome"))))
                .item();
        assertThat(Long.parseLong(item.get(AttimoTables.TTL_ATTRIBUTE).n()))
                .isEqualTo(T.plus(DynamoMessageLedger.DEFAULT_RETENTION).getEpochSecond());
    }

    @Test
    void customersAreFoundByTheirNumberOrAddressAndUnreachableChannelsKept() {
        contacts.put(new Contact("c-p1", "Anna@Example.it", "+39 333 7654321", null, Set.of(Channel.EMAIL)));
        contacts.put(new Contact("c-p2", null, "3337654321", "tok"));
        assertThat(contacts.customersByPhone("+393337654321")).containsExactly("c-p1", "c-p2");
        assertThat(contacts.customersByEmail("anna@example.it")).containsExactly("c-p1");
        assertThat(contacts.customersByEmail("nobody@example.it")).isEmpty();
        assertThat(contacts.customersByPhone("not a number")).isEmpty();
        assertThat(contacts.find("c-p1").orElseThrow().unreachable()).containsExactly(Channel.EMAIL);
        assertThat(contacts.find("c-p2").orElseThrow().canReach(Channel.PUSH)).isTrue();
        contacts.delete("c-p1");
        assertThat(contacts.customersByPhone("+393337654321")).containsExactly("c-p2");
    }
}
