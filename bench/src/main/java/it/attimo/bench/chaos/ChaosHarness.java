package it.attimo.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.bench.Args;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import java.io.IOException;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chaos harness: drives a workload with duplicate deliveries through {@code attimo serve --data} in a child JVM,
 * SIGKILLs it at random moments (while events are being posted, and while the virtual clock runs journeys and their
 * dispatches), restarts it on the same directory, advances the clock past every journey, then reconciles what the
 * clients were told (202) against the event log, the executions, the ledger and the outbox ({@link Reconciliation}).
 * Exits 1 on any loss or duplicate, 2 on bad arguments. Loopback only, bounded by {@code --timeout}.
 *
 * <pre>bench/chaos [--events 20000] [--customers 2000] [--kills 6] [--seed 7] [--duplicates 0.1] [--clients 4]
 *             [--data DIR] [--timeout PT40M]</pre>
 */
public final class ChaosHarness {
    static final String SECRET = "chaos-secret";
    static final Instant START = Instant.parse("2026-06-08T06:00:00Z");
    private static final int BATCH = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** When a planned kill happens: while a round's events are posted, or while the clock advance runs the journeys. */
    enum KillMoment {
        POSTING,
        DISPATCH
    }

    record Options(
            int events,
            int customers,
            int kills,
            long seed,
            double duplicates,
            int clients,
            Path data,
            Duration timeout) {
        static Options parse(String[] args) {
            Map<String, String> o = Args.parse(args);
            for (String name : o.keySet()) {
                if (!List.of("events", "customers", "kills", "seed", "duplicates", "clients", "data", "timeout")
                        .contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            Options options = new Options(
                    Integer.parseInt(o.getOrDefault("events", "20000")),
                    Integer.parseInt(o.getOrDefault("customers", "2000")),
                    Integer.parseInt(o.getOrDefault("kills", "6")),
                    Long.parseLong(o.getOrDefault("seed", "7")),
                    Double.parseDouble(o.getOrDefault("duplicates", "0.1")),
                    Integer.parseInt(o.getOrDefault("clients", "4")),
                    o.containsKey("data") ? Path.of(o.get("data")) : null,
                    Duration.parse(o.getOrDefault("timeout", "PT40M")));
            if (options.events < 1 || options.customers < 1 || options.kills < 0 || options.clients < 1) {
                throw new IllegalArgumentException("--events, --customers, --clients must be positive, --kills >= 0");
            }
            if (options.duplicates < 0 || options.duplicates > 1) {
                throw new IllegalArgumentException("--duplicates is a share between 0 and 1");
            }
            return options;
        }
    }

    private final Options options;
    private final Path home;
    private final Path data;
    private final ChaosWorkload workload;
    private final ServeProcess serve;
    private final Random random;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Event id → customer, for every event some answer said was accepted (or a duplicate of an accepted one). */
    final Map<String, String> acknowledged = new ConcurrentHashMap<>();

    final Map<String, String> sent = new ConcurrentHashMap<>();
    final AtomicInteger deliveries = new AtomicInteger();
    final AtomicInteger duplicateDeliveries = new AtomicInteger();
    final AtomicInteger retriedDeliveries = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    final List<String> killLog = new ArrayList<>();
    final List<Duration> restarts = new ArrayList<>();

    ChaosHarness(Options options, Path home, Path data) {
        this.options = options;
        this.home = home;
        this.data = data;
        this.workload = new ChaosWorkload(options.customers, options.events, START);
        this.serve = new ServeProcess(home, data, START, SECRET);
        this.random = new Random(options.seed);
    }

    public static void main(String[] args) throws Exception {
        quietLogs();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path home = home();
        Path data = options.data != null
                ? Files.createDirectories(options.data)
                : Files.createTempDirectory("attimo-chaos-");
        if (Files.list(data).findAny().isPresent()) {
            System.err.println("chaos: " + data + " is not empty: the reconciliation needs a fresh data directory");
            System.exit(2);
        }
        ChaosHarness harness = new ChaosHarness(options, home, data);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(options.timeout.toMillis());
                System.err.println("chaos: over the --timeout of " + options.timeout + "; giving up");
                harness.serve.kill();
            } catch (InterruptedException done) {
                return;
            }
            Runtime.getRuntime().halt(3);
        });
        watchdog.setDaemon(true);
        watchdog.start();
        Reconciliation.Report report = harness.run();
        watchdog.interrupt();
        System.exit(report.ok() ? 0 : 1);
    }

    /** The reconciliation starts a stack in this JVM: its components' INFO lines would bury the table. */
    private static void quietLogs() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : root.getHandlers()) h.setLevel(java.util.logging.Level.WARNING);
    }

    static Path home() {
        return Args.projectHome();
    }

    Reconciliation.Report run() throws Exception {
        long t0 = System.nanoTime();
        int rounds = workload.rounds();
        Map<Integer, KillMoment> roundKills = planKills(rounds);
        int finalDays = 14;
        List<Integer> finalKillDays = new ArrayList<>();
        for (int k = roundKills.size(); k < options.kills; k++) finalKillDays.add(1 + (k - roundKills.size()) * 2);
        System.out.printf(
                "chaos: %,d events (%,d per customer, %d rounds of %s) for %,d customers, %.0f%% delivered twice, "
                        + "%d SIGKILLs (%s during rounds, on days %s of the final advance); data %s%n",
                workload.totalEvents(),
                workload.totalEvents() / workload.customers(),
                rounds,
                ChaosWorkload.ROUND,
                workload.customers(),
                options.duplicates * 100,
                options.kills,
                roundKills,
                finalKillDays,
                data);
        restarts.add(serve.start());
        ExecutorService clients = Executors.newFixedThreadPool(options.clients);
        try {
            for (int r = 0; r < rounds; r++) {
                runRound(r, roundKills.get(r), clients);
                if (r % 5 == 4 || r == rounds - 1) {
                    System.out.printf(
                            "  round %d/%d: %,d deliveries, %,d events acknowledged, %d kills, %.0f s%n",
                            r + 1,
                            rounds,
                            deliveries.get(),
                            acknowledged.size(),
                            killLog.size(),
                            (System.nanoTime() - t0) / 1e9);
                }
            }
        } finally {
            clients.shutdownNow();
        }
        Instant end = workload.roundTime(rounds);
        for (int day = 1; day <= finalDays; day++) {
            Instant target = end.plus(Duration.ofDays(day));
            if (finalKillDays.contains(day)) {
                advanceWithKill(target, "final advance, day " + day);
            } else {
                setClock(target);
            }
        }
        System.out.printf(
                "  advanced past every journey to %s, %.0f s%n",
                end.plus(Duration.ofDays(finalDays)), (System.nanoTime() - t0) / 1e9);
        // the last stop is a SIGKILL too: the reconciliation reads what a crash leaves behind
        serve.kill();
        killLog.add("after the final advance");
        Reconciliation.Report report = new Reconciliation(this, home, data, START, SECRET).reconcile();
        report.print(System.out, killLog, restarts, (System.nanoTime() - t0) / 1e9, serve.log());
        return report;
    }

    /** Up to all but two kills land in rounds (alternating posting / dispatch); the rest in the final advance. */
    private Map<Integer, KillMoment> planKills(int rounds) {
        int inRounds = Math.max(0, Math.min(rounds - 1, options.kills - Math.min(2, options.kills)));
        List<Integer> candidates = new ArrayList<>();
        for (int r = 1; r < rounds; r++) candidates.add(r);
        Collections.shuffle(candidates, random);
        Map<Integer, KillMoment> plan = new java.util.TreeMap<>();
        for (int k = 0; k < inRounds; k++) {
            plan.put(candidates.get(k), k % 2 == 0 ? KillMoment.POSTING : KillMoment.DISPATCH);
        }
        return plan;
    }

    private void runRound(int round, KillMoment kill, ExecutorService clients) throws Exception {
        List<ChaosWorkload.Event> events = new ArrayList<>(workload.round(round));
        Collections.shuffle(events, random);
        List<List<ChaosWorkload.Event>> batches = new ArrayList<>();
        List<List<ChaosWorkload.Event>> again = new ArrayList<>();
        for (int i = 0; i < events.size(); i += BATCH) {
            List<ChaosWorkload.Event> batch = new ArrayList<>(events.subList(i, Math.min(events.size(), i + BATCH)));
            if (random.nextDouble() < options.duplicates) again.add(batch);
            if (random.nextDouble() < options.duplicates / 4) {
                batch = new ArrayList<>(batch);
                batch.add(batch.get(random.nextInt(batch.size())));
            }
            batches.add(batch);
        }
        batches.addAll(again);
        duplicateDeliveries.addAndGet(again.stream().mapToInt(List::size).sum());
        int killAfter = kill == KillMoment.POSTING ? random.nextInt(Math.max(1, batches.size())) : -1;
        List<Future<?>> posted = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            List<ChaosWorkload.Event> batch = batches.get(b);
            posted.add(clients.submit(() -> {
                postUntilAnswered(batch);
                return null;
            }));
            if (b == killAfter) {
                // let some of the submitted batches be in flight
                Thread.sleep(random.nextInt(20));
                killAndRestart(
                        "round " + round + ", while posting (after " + b + " of " + batches.size() + " batches)");
            }
        }
        for (Future<?> f : posted) f.get();
        Instant target = workload.roundTime(round + 1);
        if (kill == KillMoment.DISPATCH) {
            advanceWithKill(target, "round " + round + ", while the clock ran the journeys");
        } else {
            setClock(target);
        }
    }

    private void advanceWithKill(Instant target, String when) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Thread advance = new Thread(() -> {
            try {
                HttpResponse<String> r = post("/admin/clock", "{\"set\":\"" + target + "\"}", false);
                finished.set(r != null && r.statusCode() == 200);
            } catch (Exception killed) {
                // expected: the server dies under it
            }
        });
        advance.start();
        Thread.sleep(50 + random.nextInt(1500));
        serve.kill();
        advance.join();
        killLog.add(when + (finished.get() ? " (the advance had already finished)" : " (cut the advance short)"));
        restarts.add(serve.start());
        setClock(target);
    }

    private void killAndRestart(String when) throws Exception {
        int before = inFlight.get();
        serve.kill();
        killLog.add(when + ", " + before + " request(s) in flight");
        restarts.add(serve.start());
    }

    private void setClock(Instant target) throws Exception {
        while (true) {
            HttpResponse<String> r = post("/admin/clock", "{\"set\":\"" + target + "\"}", false);
            if (r != null && r.statusCode() == 200) return;
            if (r != null && r.statusCode() < 500) {
                throw new IllegalStateException("POST /admin/clock answered " + r.statusCode() + ": " + r.body());
            }
        }
    }

    /** Posts one batch until the server answers (it may be down or die mid-request); records what it said. */
    private void postUntilAnswered(List<ChaosWorkload.Event> batch) throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (ChaosWorkload.Event e : batch) {
            if (body.length() > 1) body.append(',');
            body.append(e.json());
            sent.put(e.id(), e.customerId());
        }
        body.append(']');
        boolean first = true;
        while (true) {
            deliveries.incrementAndGet();
            if (!first) retriedDeliveries.incrementAndGet();
            first = false;
            HttpResponse<String> r = post("/events", body.toString(), true);
            if (r == null || r.statusCode() >= 500) continue;
            if (r.statusCode() != 202) {
                refusals.add(r.statusCode() + " " + r.body());
                return;
            }
            JsonNode results = JSON.readTree(r.body()).path("results");
            for (JsonNode result : results) {
                String status = result.path("status").asText();
                ChaosWorkload.Event e = batch.get(result.path("index").asInt());
                if (status.equals("accepted") || status.equals("duplicate")) {
                    acknowledged.put(e.id(), e.customerId());
                } else {
                    refusals.add(
                            e.id() + ": " + status + " " + result.path("error").asText());
                }
            }
            return;
        }
    }

    /** One request; null when the connection failed (the server is down or was killed under it). */
    private HttpResponse<String> post(String path, String body, boolean signed) throws Exception {
        URI base = serve.base();
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(5))
                .header("content-type", signed ? "application/cloudevents-batch+json" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw));
        if (signed) {
            long ts = System.currentTimeMillis();
            request.header(AttimoSignatureVerifier.TIMESTAMP_HEADER, Long.toString(ts))
                    .header(AttimoSignatureVerifier.SIGNATURE_HEADER, AttimoSignatureVerifier.sign(SECRET, ts, raw));
        }
        inFlight.incrementAndGet();
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException connectionFailed) {
            return null;
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
