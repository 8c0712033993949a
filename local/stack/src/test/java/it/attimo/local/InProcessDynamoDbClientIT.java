package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.aws.config.SdkCallCounter;
import it.attimo.aws.dynamo.AttimoTables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The local stack's in-process DynamoDB client against the same DynamoDB Local the HTTP endpoint serves: one database,
 * the SDK's exceptions, pagination, the waiter and the call counter.
 */
class InProcessDynamoDbClientIT {
    static final String PREFIX = "inproc";
    static final String EVENTS = AttimoTables.name(PREFIX, AttimoTables.EVENTS);

    @TempDir
    Path data;

    LoopbackDynamoDb dynamo;
    SdkCallCounter counter;
    DynamoDbClient inProcess;
    DynamoDbClient overHttp;

    @BeforeEach
    void start() {
        dynamo = LoopbackDynamoDb.start(data.resolve("dynamodb"));
        counter = new SdkCallCounter();
        inProcess = dynamo.inProcessClient(counter);
        overHttp = DynamoDbClient.builder()
                .endpointOverride(dynamo.endpoint())
                .region(Region.of(SamTemplate.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("other", "keys")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        AttimoTables.createWithoutExpiry(inProcess, PREFIX); // createTable, describeTable, the waiter, TTL calls
    }

    @AfterEach
    void stop() {
        overHttp.close();
        dynamo.close();
    }

    static Map<String, AttributeValue> event(String customer, String id) {
        return Map.of(
                "customerId", AttributeValue.fromS(customer),
                "eventId", AttributeValue.fromS(id),
                "body", AttributeValue.fromS("{\"id\":\"" + id + "\"}"));
    }

    @Test
    void writesInProcessAreReadOverHttpAndTheOtherWayRound() {
        inProcess.putItem(b -> b.tableName(EVENTS).item(event("c-1", "e-1")));
        overHttp.putItem(b -> b.tableName(EVENTS).item(event("c-1", "e-2")));

        assertThat(overHttp.query(b -> b.tableName(EVENTS)
                                .keyConditionExpression("customerId = :c")
                                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("c-1"))))
                        .items())
                .extracting(i -> i.get("eventId").s())
                .containsExactly("e-1", "e-2");
        assertThat(inProcess
                        .getItem(b -> b.tableName(EVENTS)
                                .key(Map.of(
                                        "customerId", AttributeValue.fromS("c-1"),
                                        "eventId", AttributeValue.fromS("e-2"))))
                        .item())
                .containsEntry("body", AttributeValue.fromS("{\"id\":\"e-2\"}"));
    }

    @Test
    void dynamoDbLocalsErrorsAreTheSdksExceptions() {
        inProcess.putItem(b -> b.tableName(EVENTS).item(event("c-1", "e-1")));

        assertThatThrownBy(() -> inProcess.putItem(b -> b.tableName(EVENTS)
                        .item(event("c-1", "e-1"))
                        .conditionExpression("attribute_not_exists(eventId)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThatThrownBy(() -> inProcess.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(EVENTS)
                                        .item(event("c-1", "e-2"))
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(EVENTS)
                                        .item(event("c-1", "e-1"))
                                        .conditionExpression("attribute_not_exists(eventId)")
                                        .build())
                                .build())))
                .isInstanceOfSatisfying(
                        TransactionCanceledException.class,
                        e -> assertThat(e.cancellationReasons())
                                .extracting(r -> r.code())
                                .containsExactly("None", "ConditionalCheckFailed"));
        assertThatThrownBy(() -> inProcess.getItem(
                        b -> b.tableName("inproc-nope").key(Map.of("customerId", AttributeValue.fromS("c")))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> inProcess.putItem(b -> b.tableName(EVENTS)
                        .item(Map.of(
                                "customerId", AttributeValue.fromS("c-1"),
                                "eventId", AttributeValue.fromS("big"),
                                "body", AttributeValue.fromS("x".repeat(420_000))))))
                .isInstanceOfSatisfying(
                        DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        // the failed transaction wrote nothing
        assertThat(inProcess.scan(b -> b.tableName(EVENTS)).items()).hasSize(1);
    }

    @Test
    void paginatorsFollowTheLastEvaluatedKey() {
        for (int i = 0; i < 25; i++) {
            String id = String.format("e-%02d", i);
            inProcess.putItem(b -> b.tableName(EVENTS).item(event("c-1", id)));
        }
        counter.reset();

        List<String> ids = inProcess
                .queryPaginator(b -> b.tableName(EVENTS)
                        .keyConditionExpression("customerId = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("c-1")))
                        .limit(10))
                .items()
                .stream()
                .map(i -> i.get("eventId").s())
                .toList();

        assertThat(ids).hasSize(25).isSorted();
        // 10 + 10 + 5, then DynamoDB Local answers a last, empty page only when the limit was hit exactly
        assertThat(counter.calls()).containsEntry("DynamoDb.Query", 3L);
    }

    @Test
    void operationsAttimoDoesNotUseAreRefusedByName() {
        assertThatThrownBy(() -> inProcess.executeStatement(b -> b.statement("SELECT * FROM x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
