package it.attimo.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.aws.config.SdkCallCounter;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Load generator for {@code POST /events} through the embedded stack (the same path as {@code attimo serve}):
 * signed batches from several client threads; reports request latency p50/p99, ingest events/s, how fast the score
 * function drains the queue, and, in the same run against the same DynamoDB Local, the ceiling of raw conditional
 * PutItem calls from one client.
 *
 * <p>Without {@code --rate} the clients send back to back (closed loop: the most the stack takes, and the latency at
 * saturation). With {@code --rate N} requests are due at a fixed pace of N events/s (open loop) and each latency runs
 * from when its request was due, so a stack falling behind shows in the percentiles instead of slowing the senders.
 *
 * <pre>java -cp … it.attimo.bench.IngestLoadGenerator [--events 20000] [--batch 10] [--clients 4] [--customers 2000] [--rate N] [--data DIR]</pre>
 */
public final class IngestLoadGenerator {
    private static final String SECRET = "bench-secret";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        int events = Integer.parseInt(opts.getOrDefault("events", "20000"));
        int batch = Integer.parseInt(opts.getOrDefault("batch", "10"));
        int clients = Integer.parseInt(opts.getOrDefault("clients", "4"));
        int customers = Integer.parseInt(opts.getOrDefault("customers", "2000"));
        int puts = Integer.parseInt(opts.getOrDefault("puts", "5000"));
        double rate = Double.parseDouble(opts.getOrDefault("rate", "0"));
        if (rate < 0) throw new IllegalArgumentException("--rate must be positive (events/s), or 0 for back to back");
        Path home = Args.projectHome();
        Instant start = Instant.parse("2026-06-08T08:00:00Z");
        StackOptions options = StackOptions.inMemory(home, start, SECRET);
        if (opts.containsKey("data")) options = options.withDataDir(Files.createDirectories(Path.of(opts.get("data"))));

        SdkCallCounter.enableGlobal();
        try (LocalStack stack = LocalStack.start(options)) {
            System.out.printf(
                    "stack up at %s (DynamoDB Local %s, %s)%n",
                    stack.baseUrl(), stack.dynamoDbEndpoint(), opts.containsKey("data") ? "file-backed" : "in memory");
            // warm-up: JIT, connections, table pages
            runLoad(stack.baseUrl(), Math.min(2000, events / 5), batch, clients, customers, start, "warm", 0);
            waitForDrain(stack, Duration.ofMinutes(5));

            long processedBefore = stack.messagesProcessed();
            SdkCallCounter.global().reset();
            Result r = runLoad(stack.baseUrl(), events, batch, clients, customers, start, "run", rate);
            long drainStart = System.nanoTime();
            waitForDrain(stack, Duration.ofMinutes(20));
            double endToEndSeconds = (System.nanoTime() - r.startNanos) / 1e9;
            long processed = stack.messagesProcessed() - processedBefore;
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

            SdkCallCounter counted = SdkCallCounter.global();
            Map<String, Long> calls = counted.calls();
            long all = counted.totalCalls("");
            long dynamo = counted.totalCalls("DynamoDb.");
            // the stack's functions call DynamoDB Local in-process; an SDK client over its loopback HTTP endpoint is
            // the other ceiling (what the same run would get over the wire)
            Ceiling ceiling = dynamoCeiling(stack.dynamoDb(), "bench-ceiling", puts);
            Ceiling httpCeiling;
            try (DynamoDbClient overHttp = DynamoDbClient.builder()
                    .endpointOverride(stack.dynamoDbEndpoint())
                    .region(Region.EU_SOUTH_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build()) {
                httpCeiling = dynamoCeiling(overHttp, "bench-ceiling-http", puts);
            }
            System.out.println();
            System.out.println("| measure | value |");
            System.out.println("|---|---|");
            System.out.printf(
                    "| events sent (%d per request, %d clients, %s) | %d |%n",
                    batch,
                    clients,
                    rate > 0 ? String.format("paced at %.0f events/s", rate) : "back to back",
                    r.events);
            System.out.printf(
                    "| request latency p50 / p99 / max (ms) | %.1f / %.1f / %.1f |%n", r.p(50), r.p(99), r.p(100));
            System.out.printf("| ingest throughput (events/s accepted, 202) | %.0f |%n", r.events / r.seconds);
            System.out.printf(
                    "| scored end to end (events/s, ingest start to queue drained) | %.0f |%n",
                    processed / endToEndSeconds);
            System.out.printf("| queue drain after ingest ended (s) | %.1f |%n", drainSeconds);
            System.out.printf(
                    "| DynamoDB Local ceiling: conditional PutItem, 1 client, the stack's path (%s) (puts/s) | %.0f |%n",
                    stack.dynamoDbInProcess() ? "in-process" : "SDK over HTTP", ceiling.perSecond);
            System.out.printf(
                    "| DynamoDB Local PutItem latency p50 / p99, the stack's path (ms) | %.2f / %.2f |%n",
                    ceiling.p50, ceiling.p99);
            System.out.printf(
                    "| DynamoDB Local ceiling: conditional PutItem, 1 client, SDK over loopback HTTP (puts/s) | %.0f |%n",
                    httpCeiling.perSecond);
            System.out.printf(
                    "| scored end to end / ceiling on the stack's path | %.0f%% |%n",
                    100.0 * processed / endToEndSeconds / ceiling.perSecond);
            System.out.printf(
                    "| scored end to end / ceiling over HTTP | %.0f%% |%n",
                    100.0 * processed / endToEndSeconds / httpCeiling.perSecond);
            System.out.printf(
                    "| AWS SDK calls per scored event: all / DynamoDB | %.2f / %.2f |%n",
                    (double) all / Math.max(1, processed), (double) dynamo / Math.max(1, processed));
            System.out.println();
            System.out.println("| SDK operation (ingest + score + journeys) | calls | per event |");
            System.out.println("|---|---|---|");
            for (Map.Entry<String, Long> e : calls.entrySet()) {
                System.out.printf(
                        "| %s | %d | %.2f |%n",
                        e.getKey(), e.getValue(), (double) e.getValue() / Math.max(1, processed));
            }
        }
        System.exit(0); // the stack's client pools are not daemons: leave once the report is out
    }

    private record Result(int events, double seconds, long startNanos, double[] sortedMillis) {
        double p(double percentile) {
            if (sortedMillis.length == 0) return 0;
            int i = (int) Math.ceil(percentile / 100.0 * sortedMillis.length) - 1;
            return sortedMillis[Math.max(0, Math.min(sortedMillis.length - 1, i))];
        }
    }

    private record Ceiling(double perSecond, double p50, double p99) {}

    /** @param rate events/s at which requests fall due (open loop); 0: each client sends as soon as it can */
    static Result runLoad(
            URI base, int events, int batch, int clients, int customers, Instant t0, String runId, double rate)
            throws Exception {
        ExecutorService httpThreads = Executors.newFixedThreadPool(clients);
        HttpClient http = HttpClient.newBuilder().executor(httpThreads).build();
        int requests = (events + batch - 1) / batch;
        AtomicInteger next = new AtomicInteger();
        double[] latencies = new double[requests];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long startNanos = System.nanoTime();
        List<Future<Integer>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                int sent = 0;
                for (int i; (i = next.getAndIncrement()) < requests; ) {
                    byte[] body = batchBody(runId, i, batch, customers, t0);
                    long ts = System.currentTimeMillis();
                    HttpRequest request = HttpRequest.newBuilder(base.resolve("/events"))
                            .header("Content-Type", "application/cloudevents-batch+json")
                            .header(AttimoSignatureVerifier.TIMESTAMP_HEADER, Long.toString(ts))
                            .header(
                                    AttimoSignatureVerifier.SIGNATURE_HEADER,
                                    AttimoSignatureVerifier.sign(SECRET, ts, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build();
                    long t = rate > 0
                            ? awaitDue(startNanos + (long) (i * (double) batch * 1e9 / rate))
                            : System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies[i] = (System.nanoTime() - t) / 1e6;
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException(
                                "POST /events answered " + response.statusCode() + ": " + response.body());
                    }
                    sent += batch;
                }
                return sent;
            }));
        }
        int total = 0;
        for (Future<Integer> f : futures) total += f.get();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        pool.shutdown();
        httpThreads.shutdown();
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(total, seconds, startNanos, sorted);
    }

    /** Waits until {@code due} (System.nanoTime) and answers it, so a request sent late counts its lateness. */
    private static long awaitDue(long due) {
        for (long left; (left = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(left);
        return due;
    }

    /** One signed batch: engagement events spread over customers (each event a distinct id). */
    static byte[] batchBody(String runId, int request, int batch, int customers, Instant t0) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        String[] types = {"portal.accessed", "email.opened", "email.clicked", "content.downloaded", "support.contacted"
        };
        for (int k = 0; k < batch; k++) {
            int n = request * batch + k;
            ObjectNode e = arr.addObject();
            e.put("specversion", "1.0");
            e.put("id", runId + "-" + n);
            e.put("source", "bench");
            e.put("type", types[n % types.length]);
            e.put("subject", "bench-" + runId + "-" + (n % customers));
            e.put("time", t0.plusSeconds(n % 3600).toString());
            e.putObject("data");
        }
        return arr.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void waitForDrain(LocalStack stack, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        long last = -1;
        int stable = 0;
        while (Instant.now().isBefore(deadline)) {
            stack.advanceTo(stack.now());
            long processed = stack.messagesProcessed();
            stable = processed == last ? stable + 1 : 0;
            if (stable >= 3) return;
            last = processed;
            Thread.sleep(200); // a load generator's polling interval, not a test's wait
        }
        throw new IllegalStateException("queue not drained within " + limit);
    }

    /** Raw conditional puts from one client against the same DynamoDB Local: the floor under every write path. */
    static Ceiling dynamoCeiling(DynamoDbClient dynamo, String table, int puts) {
        dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build()));
        for (int i = 0; i < 500; i++) put(dynamo, table, "warm-" + i);
        double[] ms = new double[puts];
        long t0 = System.nanoTime();
        for (int i = 0; i < puts; i++) {
            long t = System.nanoTime();
            put(dynamo, table, "k-" + i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(ms);
        return new Ceiling(puts / seconds, ms[(int) (puts * 0.5)], ms[(int) Math.min(puts - 1, puts * 0.99)]);
    }

    private static void put(DynamoDbClient dynamo, String table, String key) {
        dynamo.putItem(PutItemRequest.builder()
                .tableName(table)
                .item(Map.of("pk", AttributeValue.fromS(key), "v", AttributeValue.fromS("x")))
                .conditionExpression("attribute_not_exists(pk)")
                .build());
    }
}
