package it.attimo.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.testing.LocalSqs;
import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SqsEventQueueIT {
    static LocalSqs sqs;

    @BeforeAll
    static void start() {
        sqs = LocalSqs.start();
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    static CustomerEvent event(String id, String customer, int n) {
        return new CustomerEvent(
                id,
                "shop",
                "portal.accessed",
                customer,
                Instant.parse("2026-06-10T08:00:00Z").plusSeconds(n),
                Map.of("n", n));
    }

    /** Receives until {@code expected} messages arrived or the deadline passed, then once more to catch extras. */
    static List<Message> drain(String queueUrl, int expected) {
        List<Message> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (received.size() < expected && Instant.now().isBefore(deadline)) {
            receiveOnce(queueUrl, received, 1);
        }
        receiveOnce(queueUrl, received, 1);
        return received;
    }

    private static void receiveOnce(String queueUrl, List<Message> into, int waitSeconds) {
        var batch = sqs.client()
                .receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
        for (Message m : batch) {
            into.add(m);
            sqs.client().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
    }

    @Test
    void theSameEventPublishedTwiceIsQueuedOnce() {
        String queue =
                sqs.createFifoQueue("dedup-" + UUID.randomUUID().toString().substring(0, 8));
        SqsEventQueue events = new SqsEventQueue(sqs.client(), queue);
        CustomerEvent e = event("evt-1", "c-1", 1);

        events.publish(List.of(e));
        events.publish(List.of(e));

        List<Message> received = drain(queue, 1);
        assertThat(received).hasSize(1);
        Message m = received.get(0);
        assertThat(CloudEventJson.fromJson(m.body())).isEqualTo(e);
        assertThat(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .isEqualTo("c-1");
        assertThat(m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .isEqualTo("evt-1");
    }

    @Test
    void aLargePublishGoesOutInBatchesAndKeepsEachCustomersOrder() {
        String queue =
                sqs.createFifoQueue("order-" + UUID.randomUUID().toString().substring(0, 8));
        SqsEventQueue events = new SqsEventQueue(sqs.client(), queue);
        List<CustomerEvent> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) batch.add(event("o-" + i, i % 2 == 0 ? "even" : "odd", i));

        events.publish(batch);

        List<Message> received = drain(queue, 25);
        assertThat(received).hasSize(25);
        List<Integer> evenOrder = received.stream()
                .map(m -> CloudEventJson.fromJson(m.body()))
                .filter(e -> e.customerId().equals("even"))
                .map(e -> e.number("n").intValue())
                .toList();
        assertThat(evenOrder).isSorted().hasSize(13);
    }

    @Test
    void anIdSqsCannotCarryIsHashedStablySoDuplicatesStillCollapse() {
        String queue =
                sqs.createFifoQueue("hash-" + UUID.randomUUID().toString().substring(0, 8));
        SqsEventQueue events = new SqsEventQueue(sqs.client(), queue);
        String longId = "hubspot:" + "é".repeat(20) + "x".repeat(150);
        events.publish(List.of(event(longId, "c-h", 1)));
        events.publish(List.of(event(longId, "c-h", 1)));

        List<Message> received = drain(queue, 1);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .hasSize(64)
                .matches("[0-9a-f]+");
        assertThat(CloudEventJson.fromJson(received.get(0).body()).id()).isEqualTo(longId);
    }
}
