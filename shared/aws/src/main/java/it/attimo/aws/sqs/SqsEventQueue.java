package it.attimo.aws.sqs;

import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventQueue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Publishes events to the SQS FIFO queue: group = customer (per-customer order), deduplication id = event id, body =
 * CloudEvent JSON. Sends in batches of at most 10 entries and 256 KiB; entries SQS refuses are retried once, and if
 * any is still refused the whole publish fails.
 */
public final class SqsEventQueue implements EventQueue {
    static final int MAX_BATCH_ENTRIES = 10;
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private final SqsClient client;
    private final String queueUrl;

    public SqsEventQueue(SqsClient client, String queueUrl) {
        this.client = client;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(List<CustomerEvent> events) {
        for (List<SendMessageBatchRequestEntry> batch : batches(events)) {
            List<BatchResultErrorEntry> failed = send(batch);
            if (failed.isEmpty()) continue;
            Map<String, SendMessageBatchRequestEntry> byId = batch.stream()
                    .collect(Collectors.toMap(
                            SendMessageBatchRequestEntry::id, e -> e, (a, b) -> a, LinkedHashMap::new));
            List<SendMessageBatchRequestEntry> retry =
                    failed.stream().map(f -> byId.get(f.id())).toList();
            List<BatchResultErrorEntry> stillFailed = send(retry);
            if (!stillFailed.isEmpty()) {
                String reasons = stillFailed.stream()
                        .map(f -> byId.get(f.id()).messageDeduplicationId() + ": " + f.code())
                        .collect(Collectors.joining(", "));
                throw new EventQueuePublishException(
                        stillFailed.size() + " event(s) were not queued (" + reasons + ")");
            }
        }
    }

    private List<BatchResultErrorEntry> send(List<SendMessageBatchRequestEntry> entries) {
        return client.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries))
                .failed();
    }

    static List<List<SendMessageBatchRequestEntry>> batches(List<CustomerEvent> events) {
        List<List<SendMessageBatchRequestEntry>> batches = new ArrayList<>();
        List<SendMessageBatchRequestEntry> current = new ArrayList<>();
        int bytes = 0;
        for (CustomerEvent event : events) {
            String body = CloudEventJson.toJson(event);
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            if (!current.isEmpty() && (current.size() == MAX_BATCH_ENTRIES || bytes + size > MAX_BATCH_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(current.size()))
                    .messageGroupId(FifoIds.of(event.customerId()))
                    .messageDeduplicationId(FifoIds.of(event.id()))
                    .messageBody(body)
                    .build());
            bytes += size;
        }
        if (!current.isEmpty()) batches.add(current);
        return batches;
    }
}
