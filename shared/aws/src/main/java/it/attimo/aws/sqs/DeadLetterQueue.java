package it.attimo.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The events queue's dead-letter queue (FIFO), the same on AWS and on ElasticMQ: what is in it, and putting it back.
 *
 * <p>Listing receives and releases at once (visibility back to 0), so it changes nothing but the messages' receive
 * count; a FIFO queue hands out at most the messages of groups not in flight, so a long list may show fewer than the
 * approximate count. Redrive moves each message to the source queue under its own group (the customer, so per-customer
 * order holds) with a deduplication id derived from the dead letter's message id: a redrive interrupted between the send
 * and the delete, and run again within SQS's 5-minute window, does not queue it twice (the score function dedupes by
 * event id anyway).
 */
public final class DeadLetterQueue {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 10;
    private static final int LIST_VISIBILITY_SECONDS = 30;
    private static final int REDRIVE_VISIBILITY_SECONDS = 60;

    private final SqsClient sqs;
    private final String dlqUrl;
    private final String sourceUrl;

    public DeadLetterQueue(SqsClient sqs, String dlqUrl, String sourceUrl) {
        this.sqs = sqs;
        this.dlqUrl = dlqUrl;
        this.sourceUrl = sourceUrl;
    }

    /**
     * One dead letter, by ids only: the event's id, type and subject (the customer id) when the body is an event, the
     * command otherwise; never the event's data. {@code receiveCount} is SQS's, this listing's receive included.
     */
    public record DeadLetter(
            String messageId, String eventId, String type, String subject, int receiveCount, Instant sentAt) {}

    public int approximateCount() {
        return Integer.parseInt(sqs.getQueueAttributes(
                        b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()
                .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
    }

    /** Up to {@code max} dead letters, left in the queue. */
    public List<DeadLetter> list(int max) {
        Map<String, DeadLetter> seen = new LinkedHashMap<>();
        List<Message> held = new ArrayList<>();
        try {
            while (seen.size() < max) {
                List<Message> batch = receive(LIST_VISIBILITY_SECONDS);
                if (batch.isEmpty()) break;
                boolean fresh = false;
                for (Message m : batch) {
                    held.add(m);
                    if (seen.size() < max && seen.putIfAbsent(m.messageId(), describe(m)) == null) fresh = true;
                }
                if (!fresh) break;
            }
        } finally {
            release(held);
        }
        return List.copyOf(seen.values());
    }

    /** Moves every dead letter back to the source queue; answers how many moved. */
    public int redrive() {
        int moved = 0;
        while (true) {
            List<Message> batch = receive(REDRIVE_VISIBILITY_SECONDS);
            if (batch.isEmpty()) return moved;
            for (Message m : batch) {
                String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                sqs.sendMessage(b -> b.queueUrl(sourceUrl)
                        .messageBody(m.body())
                        .messageGroupId(group == null ? "redrive" : group)
                        .messageDeduplicationId(FifoIds.of("redrive#" + m.messageId())));
                sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(m.receiptHandle()));
                moved++;
            }
        }
    }

    private List<Message> receive(int visibilitySeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(dlqUrl)
                        .maxNumberOfMessages(BATCH)
                        .visibilityTimeout(visibilitySeconds)
                        .waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
    }

    private void release(List<Message> held) {
        for (int i = 0; i < held.size(); i += BATCH) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (Message m : held.subList(i, Math.min(held.size(), i + BATCH))) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(entries.size()))
                        .receiptHandle(m.receiptHandle())
                        .visibilityTimeout(0)
                        .build());
            }
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(dlqUrl).entries(entries));
        }
    }

    /**
     * Up to {@code max} dead letters, left in place, with the queue's approximate count: {@code {approximateCount,
     * messages: [{messageId, eventId, type, subject, receiveCount, sentAt}]}}.
     */
    public ObjectNode report(int max) {
        List<DeadLetter> letters = list(max);
        return json(Math.max(approximateCount(), letters.size()), letters);
    }

    static ObjectNode json(int approximateCount, List<DeadLetter> letters) {
        ObjectNode out = JSON.createObjectNode();
        out.put("approximateCount", approximateCount);
        ArrayNode messages = out.putArray("messages");
        for (DeadLetter d : letters) {
            ObjectNode o = messages.addObject();
            o.put("messageId", d.messageId());
            o.put("eventId", d.eventId());
            o.put("type", d.type());
            o.put("subject", d.subject());
            o.put("receiveCount", d.receiveCount());
            o.put("sentAt", d.sentAt() == null ? null : d.sentAt().toString());
        }
        return out;
    }

    static DeadLetter describe(Message m) {
        String eventId = null;
        String type = null;
        String subject = null;
        try {
            JsonNode body = JSON.readTree(m.body());
            if (body != null && body.isObject()) {
                eventId = text(body, "id");
                type = text(body, "type");
                subject = text(body, "subject");
                if (type == null) type = text(body, "kind");
                if (subject == null) subject = text(body, "customerId");
            }
        } catch (Exception notJson) {
            type = "(not JSON)";
        }
        Map<MessageSystemAttributeName, String> a = m.attributes();
        return new DeadLetter(
                m.messageId(),
                eventId,
                type,
                subject,
                parseInt(a.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)),
                millis(a.get(MessageSystemAttributeName.SENT_TIMESTAMP)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant millis(String s) {
        try {
            return s == null ? null : Instant.ofEpochMilli(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
