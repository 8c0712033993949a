package it.attimo.aws.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.insights.InsightsAlert;
import it.attimo.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

class SnsAlertSinkTest {
    static final String TOPIC = "arn:aws:sns:eu-south-1:123456789012:attimo-insights-alerts";
    final Set<String> markers = new HashSet<>();
    final List<PublishRequest> published = new ArrayList<>();
    boolean snsDown;

    final DynamoDbClient dynamo = new DynamoDbClient() {
        @Override
        public PutItemResponse putItem(PutItemRequest r) {
            assertThat(r.tableName()).isEqualTo("attimo-models");
            assertThat(r.conditionExpression()).isEqualTo("attribute_not_exists(modelId)");
            if (!markers.add(r.item().get("modelId").s()))
                throw ConditionalCheckFailedException.builder().build();
            return PutItemResponse.builder().build();
        }

        @Override
        public DeleteItemResponse deleteItem(DeleteItemRequest r) {
            markers.remove(r.key().get("modelId").s());
            return DeleteItemResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    };

    final SnsClient sns = new SnsClient() {
        @Override
        public PublishResponse publish(PublishRequest r) {
            if (snsDown) throw new IllegalStateException("sns down");
            published.add(r);
            return PublishResponse.builder().messageId("m-" + published.size()).build();
        }

        @Override
        public String serviceName() {
            return "sns";
        }

        @Override
        public void close() {}
    };

    final SnsAlertSink sink = new SnsAlertSink(sns, dynamo, "attimo", TOPIC);
    final InsightsAlert alert = new InsightsAlert(
            "dlq:2026-03-23",
            InsightsAlert.DLQ,
            InsightsAlert.CRITICAL,
            "La DLQ contiene 2 messaggi",
            "The DLQ holds 2 messages",
            Instant.parse("2026-03-23T04:00:00Z"),
            Json.object().put("messages", 2));

    @Test
    void publishesEachAlertOnceAfterMarkingIt() {
        assertThat(sink.sendOnce(alert)).isTrue();
        assertThat(sink.sendOnce(alert)).isFalse();
        assertThat(published).hasSize(1);
        PublishRequest p = published.get(0);
        assertThat(p.topicArn()).isEqualTo(TOPIC);
        assertThat(p.subject()).isEqualTo("Attimo critical: dlq");
        assertThat(p.message()).contains("\"id\":\"dlq:2026-03-23\"").contains("\"type\":\"attimo.alert\"");
        assertThat(markers).containsExactly("alert#dlq:2026-03-23");
    }

    @Test
    void aFailedPublishRemovesTheMarkerSoTheNextRefreshSendsIt() {
        snsDown = true;
        assertThatThrownBy(() -> sink.sendOnce(alert)).hasMessageContaining("sns down");
        assertThat(markers).isEmpty();
        snsDown = false;
        assertThat(sink.sendOnce(alert)).isTrue();
        assertThat(published).hasSize(1);
    }
}
