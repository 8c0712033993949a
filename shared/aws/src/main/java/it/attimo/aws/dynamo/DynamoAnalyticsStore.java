package it.attimo.aws.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.analytics.AnalyticsSnapshot;
import it.attimo.core.json.Json;
import it.attimo.core.port.AnalyticsStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The analytics snapshot in the {@code <prefix>-models} table, beside the temporal model. Rows go in chunks of
 * {@value #CHUNK_ROWS} ({@value #OTHER_CHUNK_ROWS} for the dashboard's tables; items {@code analytics#<run>#<table>#<n>}, compact JSON arrays well under DynamoDB's 400 kB),
 * then the summary in {@code analytics#latest} names the new run, then the previous run's chunks are deleted: a
 * reader sees the old run or the new one, and one that read the old summary just before the switch gets
 * {@link RunReplaced} and reads again. Each run gets its own id, so two refreshes at the same instant never share
 * chunks. Chunks also carry a 30-day TTL in case a deletion is interrupted.
 */
public final class DynamoAnalyticsStore implements AnalyticsStore {
    public static final String LATEST = "analytics#latest";
    static final int CHUNK_ROWS = 500;
    static final int OTHER_CHUNK_ROWS = 200;
    private static final Duration CHUNK_TTL = Duration.ofDays(30);
    private static final String ID = "modelId";

    private final DynamoDbClient client;
    private final String table;

    public DynamoAnalyticsStore(DynamoDbClient client, String tablePrefix) {
        this.client = client;
        this.table = AttimoTables.name(tablePrefix, AttimoTables.MODELS);
    }

    /** Rows per chunk: the customer and account tables' rows are small; the dashboard's day rows carry more sums. */
    static int chunkRows(String tableName) {
        return tableName.equals(AnalyticsSnapshot.CUSTOMERS) || tableName.equals(AnalyticsSnapshot.ACCOUNTS)
                ? CHUNK_ROWS
                : OTHER_CHUNK_ROWS;
    }

    static String chunkId(String runId, String tableName, int chunk) {
        return "analytics#" + runId + "#" + tableName + "#" + chunk;
    }

    @Override
    public void save(AnalyticsSnapshot snapshot) {
        Optional<ObjectNode> previous = latestSummary();
        String runId = snapshot.runId() + "~" + UUID.randomUUID().toString().substring(0, 8);
        long expiresAt = java.time.Instant.parse(snapshot.summary().path("asOf").asText(snapshot.runId()))
                .plus(CHUNK_TTL)
                .getEpochSecond();
        ObjectNode summary = snapshot.summary().deepCopy();
        summary.put("runId", runId);
        ObjectNode tables = summary.putObject("tables");
        for (String name : snapshot.tableNames()) {
            List<ObjectNode> rows = snapshot.table(name);
            tables.put(name, rows.size());
            int size = chunkRows(name);
            for (int chunk = 0; chunk * size < rows.size(); chunk++) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                array.addAll(rows.subList(chunk * size, Math.min(rows.size(), (chunk + 1) * size)));
                Map<String, AttributeValue> item = new HashMap<>();
                item.put(ID, Items.s(chunkId(runId, name, chunk)));
                item.put("rows", Items.s(array.toString()));
                item.put(AttimoTables.TTL_ATTRIBUTE, Items.n(expiresAt));
                client.putItem(b -> b.tableName(table).item(item));
            }
        }
        Map<String, AttributeValue> latest = new HashMap<>();
        latest.put(ID, Items.s(LATEST));
        latest.put("runId", Items.s(runId));
        latest.put("summary", Items.s(summary.toString()));
        client.putItem(b -> b.tableName(table).item(latest));
        previous.ifPresent(old -> deleteRun(old));
    }

    private void deleteRun(JsonNode summary) {
        String runId = summary.path("runId").asText();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        summary.path("tables").fields().forEachRemaining(t -> {
            int size = chunkRows(t.getKey());
            int chunks = (t.getValue().asInt() + size - 1) / size;
            for (int c = 0; c < chunks; c++) keys.add(Items.key(ID, chunkId(runId, t.getKey(), c)));
        });
        Items.deleteAll(client, table, keys);
    }

    @Override
    public Optional<ObjectNode> latestSummary() {
        Map<String, AttributeValue> item = client.getItem(
                        b -> b.tableName(table).key(Items.key(ID, LATEST)).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of((ObjectNode) parse(Items.text(item, "summary")));
    }

    @Override
    public List<ObjectNode> rows(String runId, String tableName, int offset, int limit) {
        List<ObjectNode> out = new ArrayList<>();
        if (limit <= 0) return out;
        int size = chunkRows(tableName);
        int first = offset / size;
        int last = (int) Math.min(Integer.MAX_VALUE, ((long) offset + limit - 1) / size);
        for (int chunk = first; chunk <= last; chunk++) {
            String id = chunkId(runId, tableName, chunk);
            Map<String, AttributeValue> item = client.getItem(
                            b -> b.tableName(table).key(Items.key(ID, id)).consistentRead(true))
                    .item();
            if (item == null || item.isEmpty()) {
                if (latestSummary()
                        .map(s -> s.path("runId").asText())
                        .filter(runId::equals)
                        .isPresent()) break;
                throw new RunReplaced(runId);
            }
            JsonNode rows = parse(Items.text(item, "rows"));
            for (int i = 0; i < rows.size(); i++) {
                int index = chunk * size + i;
                if (index >= offset && index < (long) offset + limit) out.add((ObjectNode) rows.get(i));
            }
        }
        return out;
    }

    /**
     * As the interface's binary search, a chunk at a time rather than a row at a time: each probe reads and parses a
     * whole chunk anyway, so this finds the chunk whose id range holds the customer (about log2(chunks) reads) and
     * searches inside it. A run's chunks never change once written (a new run gets new ids), so the last few parsed
     * chunks of the run just read from the summary are kept: a page of customers reads them once, not per customer.
     */
    @Override
    public Optional<ObjectNode> customerRow(String customerId) {
        Optional<ObjectNode> summary = latestSummary();
        if (summary.isEmpty()) return Optional.empty();
        String runId = summary.get().path("runId").asText();
        int count =
                summary.get().path("tables").path(AnalyticsSnapshot.CUSTOMERS).asInt(0);
        int low = 0;
        int high = (count + CHUNK_ROWS - 1) / CHUNK_ROWS - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            JsonNode rows = chunk(chunkId(runId, AnalyticsSnapshot.CUSTOMERS, mid));
            // replaced meanwhile (its chunks being deleted): the row-by-row search reads the summary again
            if (rows == null) return AnalyticsStore.super.customerRow(customerId);
            if (rows.isEmpty()) return Optional.empty();
            if (customerId.compareTo(rows.get(0).path("customerId").asText()) < 0) {
                high = mid - 1;
            } else if (customerId.compareTo(
                            rows.get(rows.size() - 1).path("customerId").asText())
                    > 0) {
                low = mid + 1;
            } else {
                int l = 0;
                int h = rows.size() - 1;
                while (l <= h) {
                    int m = (l + h) >>> 1;
                    int c = rows.get(m).path("customerId").asText().compareTo(customerId);
                    if (c == 0) return Optional.of(((ObjectNode) rows.get(m)).deepCopy());
                    if (c < 0) l = m + 1;
                    else h = m - 1;
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static final int CACHED_CHUNKS = 8;
    private final Map<String, JsonNode> chunks = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
            return size() > CACHED_CHUNKS;
        }
    };

    /** One chunk's rows (parsed once per chunk id), or null when it is gone. */
    private JsonNode chunk(String id) {
        synchronized (chunks) {
            JsonNode cached = chunks.get(id);
            if (cached != null) return cached;
        }
        Map<String, AttributeValue> item = client.getItem(
                        b -> b.tableName(table).key(Items.key(ID, id)).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) return null;
        JsonNode rows = parse(Items.text(item, "rows"));
        synchronized (chunks) {
            chunks.put(id, rows);
        }
        return rows;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored analytics are not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
