package it.attimo.aws.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.testing.LocalDynamo;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

class AttimoTablesIT {
    private final DynamoDbClient client = LocalDynamo.shared().client();

    @Test
    void createsEveryTableActiveWithTheDocumentedKeysAndCanBeCalledAgain() {
        String prefix = "tables-" + UUID.randomUUID().toString().substring(0, 8);
        AttimoTables.createAll(client, prefix);
        client.putItem(b -> b.tableName(prefix + "-profiles").item(Map.of("customerId", Items.s("c1"))));

        AttimoTables.createAll(client, prefix); // second start: nothing fails, nothing is lost

        assertThat(client.listTablesPaginator().tableNames().stream().toList())
                .filteredOn(n -> n.startsWith(prefix + "-"))
                .containsExactlyInAnyOrder(
                        prefix + "-profiles",
                        prefix + "-contacts",
                        prefix + "-events",
                        prefix + "-messages",
                        prefix + "-waits",
                        prefix + "-quarantine",
                        prefix + "-models",
                        prefix + "-experiments",
                        prefix + "-coupons",
                        prefix + "-trays",
                        prefix + "-tray-audit",
                        prefix + "-tray-documents",
                        prefix + "-outbox");
        TableDescription events =
                client.describeTable(b -> b.tableName(prefix + "-events")).table();
        assertThat(events.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(events.keySchema()).anySatisfy(k -> {
            assertThat(k.attributeName()).isEqualTo("eventId");
            assertThat(k.keyType()).isEqualTo(KeyType.RANGE);
        });
        assertThat(client.getItem(b -> b.tableName(prefix + "-profiles").key(Items.key("customerId", "c1")))
                        .item())
                .isNotEmpty();
    }

    @Test
    void enablesTtlOnTheExpiringTablesOnly() {
        String prefix = "ttl-" + UUID.randomUUID().toString().substring(0, 8);
        AttimoTables.createAll(client, prefix);
        for (AttimoTables.TableSpec spec : AttimoTables.all()) {
            var ttl = client.describeTimeToLive(b -> b.tableName(spec.nameFor(prefix)))
                    .timeToLiveDescription();
            if (spec.ttl()) {
                assertThat(ttl.timeToLiveStatusAsString()).as(spec.table()).isIn("ENABLED", "ENABLING");
                assertThat(ttl.attributeName()).isEqualTo(AttimoTables.TTL_ATTRIBUTE);
            } else {
                assertThat(ttl.timeToLiveStatusAsString()).as(spec.table()).isEqualTo("DISABLED");
            }
        }
    }

    @Test
    void theDeployedTablesAreAllButTheLocalOnlyOutboxAndTrayDocuments() {
        assertThat(AttimoTables.deployed())
                .extracting(AttimoTables.TableSpec::table)
                .containsExactly(
                        "profiles",
                        "contacts",
                        "events",
                        "messages",
                        "waits",
                        "quarantine",
                        "models",
                        "experiments",
                        "coupons",
                        "trays",
                        "tray-audit");
    }
}
