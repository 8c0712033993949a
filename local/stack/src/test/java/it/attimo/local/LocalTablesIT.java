package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.dynamo.AttimoTables;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** DynamoDB Local expires items by the wall clock, so the stack's tables must never have TTL on. */
class LocalTablesIT {

    @Test
    void freshTablesHaveNoTtlAndTablesFromAnEarlierStartLoseIt(@TempDir Path data) {
        try (LoopbackDynamoDb dynamo = LoopbackDynamoDb.start(data.resolve("dynamodb"));
                DynamoDbClient ddb = DynamoDbClient.builder()
                        .endpointOverride(dynamo.endpoint())
                        .region(Region.of(SamTemplate.REGION))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            AttimoTables.createWithoutExpiry(ddb, "fresh");
            assertThat(ttlStatuses(ddb, "fresh")).containsOnly(TimeToLiveStatus.DISABLED);

            AttimoTables.createAll(ddb, "earlier"); // what the stack did before: TTL on
            assertThat(ttlStatuses(ddb, "earlier")).contains(TimeToLiveStatus.ENABLED);
            AttimoTables.createWithoutExpiry(ddb, "earlier");
            assertThat(ttlStatuses(ddb, "earlier")).containsOnly(TimeToLiveStatus.DISABLED);
        }
    }

    private static java.util.List<TimeToLiveStatus> ttlStatuses(DynamoDbClient ddb, String prefix) {
        return AttimoTables.all().stream()
                .filter(AttimoTables.TableSpec::ttl)
                .map(spec -> {
                    var ttl = ddb.describeTimeToLive(b -> b.tableName(spec.nameFor(prefix)))
                            .timeToLiveDescription();
                    return ttl == null || ttl.timeToLiveStatus() == null
                            ? TimeToLiveStatus.DISABLED
                            : ttl.timeToLiveStatus();
                })
                .toList();
    }
}
