package it.attimo.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.CustomerEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

class SqsEventQueueBatchesTest {
    static List<CustomerEvent> events(int n, int paddingChars) {
        List<CustomerEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new CustomerEvent(
                    "e-" + i,
                    "s",
                    "portal.accessed",
                    "c-" + (i % 3),
                    Instant.parse("2026-06-10T08:00:00Z"),
                    Map.of("pad", "x".repeat(paddingChars))));
        }
        return events;
    }

    @Test
    void atMostTenEntriesPerBatchInTheOriginalOrder() {
        List<List<SendMessageBatchRequestEntry>> batches = SqsEventQueue.batches(events(23, 0));
        assertThat(batches).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(batches.get(1).get(0).messageDeduplicationId()).isEqualTo("e-10");
        assertThat(batches.get(1))
                .extracting(SendMessageBatchRequestEntry::id)
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(batches.get(0).get(4).messageGroupId()).isEqualTo("c-1");
    }

    @Test
    void aBatchNeverExceedsTheSqsPayloadLimit() {
        List<List<SendMessageBatchRequestEntry>> batches = SqsEventQueue.batches(events(10, 60_000));
        assertThat(batches.size()).isGreaterThan(1);
        for (List<SendMessageBatchRequestEntry> batch : batches) {
            int bytes = batch.stream()
                    .mapToInt(e -> e.messageBody().getBytes(StandardCharsets.UTF_8).length)
                    .sum();
            assertThat(bytes).isLessThanOrEqualTo(SqsEventQueue.MAX_BATCH_BYTES);
        }
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(10);
    }
}
