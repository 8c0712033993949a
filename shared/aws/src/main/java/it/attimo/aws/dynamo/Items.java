package it.attimo.aws.dynamo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Small helpers for DynamoDB items: attribute values, full queries, batch deletes. */
final class Items {
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int MAX_UNPROCESSED_ROUNDS = 8;

    private Items() {}

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    /** Puts a string attribute only when the value is present (DynamoDB has no empty-key attributes). */
    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) item.put(name, s(value));
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) item.put(name, s(value.toString()));
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = text(item, name);
        return v == null ? null : Instant.parse(v);
    }

    static long number(Map<String, AttributeValue> item, String name, long absent) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? absent : Long.parseLong(v.n());
    }

    static Map<String, AttributeValue> key(String name, String value) {
        return Map.of(name, s(value));
    }

    static Map<String, AttributeValue> key(String pk, String pkValue, String sk, String skValue) {
        return Map.of(pk, s(pkValue), sk, s(skValue));
    }

    /** Every item of one partition, following pagination to the end. */
    static List<Map<String, AttributeValue>> partition(
            DynamoDbClient client, String table, String pk, String value, boolean consistent) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", pk))
                .expressionAttributeValues(Map.of(":pk", s(value)))
                .consistentRead(consistent)
                .build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.queryPaginator(query).items().forEach(items::add);
        return items;
    }

    /**
     * A whole table read by one paginated, consistent Scan and grouped by partition key, each partition's items in
     * sort-key order (as {@link #partition} returns them), when it holds at most {@code maxItems} items; empty when it
     * holds more (the caller reads per partition instead, so memory stays bounded). For the daily jobs: a few Scan
     * pages instead of one Query per customer.
     */
    static java.util.Optional<Map<String, List<Map<String, AttributeValue>>>> groupedByPartition(
            DynamoDbClient client, String table, String pk, String sk, int maxItems) {
        Map<String, List<Map<String, AttributeValue>>> groups = new HashMap<>();
        int count = 0;
        for (var page : client.scanPaginator(b -> b.tableName(table).consistentRead(true))) {
            count += page.items().size();
            if (count > maxItems) return java.util.Optional.empty();
            for (Map<String, AttributeValue> item : page.items())
                groups.computeIfAbsent(item.get(pk).s(), k -> new ArrayList<>()).add(item);
        }
        // a Query returns a partition ordered by the sort key's UTF-8 bytes
        java.util.Comparator<Map<String, AttributeValue>> bySortKey = (a, b) -> java.util.Arrays.compareUnsigned(
                a.get(sk).s().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.get(sk).s().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        groups.values().forEach(items -> items.sort(bySortKey));
        return java.util.Optional.of(groups);
    }

    /** Deletes a whole partition of a table with a sort key. */
    static void deletePartition(DynamoDbClient client, String table, String pk, String sk, String value) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : partition(client, table, pk, value, true)) {
            keys.add(Map.of(pk, item.get(pk), sk, item.get(sk)));
        }
        deleteAll(client, table, keys);
    }

    static void deleteAll(DynamoDbClient client, String table, List<Map<String, AttributeValue>> keys) {
        for (int from = 0; from < keys.size(); from += BATCH_WRITE_LIMIT) {
            List<WriteRequest> chunk = new ArrayList<>();
            for (Map<String, AttributeValue> key :
                    keys.subList(from, Math.min(keys.size(), from + BATCH_WRITE_LIMIT))) {
                chunk.add(WriteRequest.builder()
                        .deleteRequest(DeleteRequest.builder().key(key).build())
                        .build());
            }
            Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(table, chunk));
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_UNPROCESSED_ROUNDS) {
                    throw new IllegalStateException(
                            "DynamoDB kept items of " + table + " unprocessed; erase incomplete");
                }
                if (round > 0) pause(round);
                Map<String, List<WriteRequest>> request = pending;
                pending = new HashMap<>(
                        client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems());
                pending.values().removeIf(List::isEmpty);
            }
        }
    }

    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(1_000L, 25L << round)); // backoff for throttled batch writes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a batch write", e);
        }
    }
}
