package it.attimo.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.RuntimeBeanDefinition;
import it.attimo.aws.channel.DynamoOutboxChannel;
import it.attimo.aws.channel.OutboxMessage;
import it.attimo.aws.channel.OutboxQuery;
import it.attimo.aws.config.SdkCallCounter;
import it.attimo.aws.dynamo.AttimoTables;
import it.attimo.aws.dynamo.DynamoQuarantineStore;
import it.attimo.aws.sqs.DeadLetterQueue;
import it.attimo.core.error.Conflict;
import it.attimo.core.experiment.ExperimentCatalogLoader;
import it.attimo.core.ingest.QuarantinedEvent;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.JourneyCatalogLoader;
import it.attimo.core.journey.JourneyDefinition;
import it.attimo.core.port.DeadLetters;
import it.attimo.core.port.JourneyExecutions;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.RescoreScheduler;
import it.attimo.local.http.LocalBackend;
import it.attimo.local.http.LocalHttpServer;
import it.attimo.local.http.LocalRoutes;
import it.attimo.sfn.AslParser;
import it.attimo.sfn.ExecutionDescription;
import it.attimo.sfn.ExecutionDoesNotExistException;
import it.attimo.sfn.ExecutionStatus;
import it.attimo.sfn.ExecutionStore;
import it.attimo.sfn.HistoryEvent;
import it.attimo.sfn.MutableClock;
import it.attimo.sfn.StepFunctionsExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole of Attimo in one JVM on 127.0.0.1: DynamoDB Local, ElasticMQ (SQS FIFO + DLQ), the four real function
 * handlers on one Micronaut context, the state machines of statemachines/ on the in-process executor, re-score timers,
 * a queue pump standing in for Lambda's SQS event source mapping, and an HTTP server standing in for API Gateway.
 * Everything that waits runs on one {@link MutableClock}; {@link #advanceTo} moves it and runs what falls due.
 */
public final class LocalStack implements LocalBackend, AutoCloseable {
    public static final String TABLE_PREFIX = "attimo";
    public static final String QUEUE = "attimo-events.fifo";
    public static final String DLQ = "attimo-events-dlq.fifo";
    public static final int MAX_RECEIVE_COUNT = 5;
    private static final long SETTLE_TIMEOUT_MILLIS = 120_000;

    private final StackOptions options;
    /** the HTTP port, chosen before the context starts so that message links can name it */
    private int httpPort;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Object advanceLock = new Object();
    private MutableClock clock;
    private LoopbackDynamoDb dynamoDb;
    private EmbeddedElasticMq elasticMq;
    private DynamoDbClient ddb;
    private SqsClient sqs;
    private String queueUrl;
    private String dlqUrl;
    private LocalStateTable state;
    private ApplicationContext context;
    private JourneyCatalog catalog;
    private Map<String, LambdaFunction> functions;
    private StepFunctionsExecutor executor;
    private final Map<String, String> stateMachineArns = new LinkedHashMap<>();
    private LocalRescoreScheduler rescores;
    private LocalSchedules schedules;
    private final java.util.concurrent.atomic.AtomicLong jobsRun = new java.util.concurrent.atomic.AtomicLong();
    private QueuePump pump;
    private LocalHttpServer http;
    private ScheduledExecutorService ticker;
    private int resumedExecutions;
    private boolean clockRestored;
    private volatile boolean closed;
    /** Read once: the stack, its functions and its properties must agree on one DynamoDB path. */
    private final boolean dynamoDbInProcess;

    private LocalStack(StackOptions options) {
        this.options = options;
        this.dynamoDbInProcess = inProcessDynamoDb();
    }

    /** Starts every component; on failure closes what was started and rethrows. */
    public static LocalStack start(StackOptions options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startComponents();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startComponents() {
        if (options.dataDir() != null) {
            lockDataDir(options.dataDir());
        }
        http = LocalHttpServer.bind(options.httpPort());
        closeables.add(http);
        httpPort = http.port();
        Path dynamoDir = options.dataDir() == null ? null : options.dataDir().resolve("dynamodb");
        dynamoDb = LoopbackDynamoDb.start(dynamoDir);
        closeables.add(dynamoDb);
        elasticMq = options.dataDir() == null
                ? EmbeddedElasticMq.start()
                : EmbeddedElasticMq.start(options.dataDir().resolve("queue"), Clock.systemUTC());
        closeables.add(elasticMq);
        ddb = dynamoDbInProcess
                ? dynamoDb.inProcessClient(SdkCallCounter.globalEnabled() ? SdkCallCounter.global() : null)
                : DynamoDbClient.builder()
                        .endpointOverride(dynamoDb.endpoint())
                        .region(Region.of(SamTemplate.REGION))
                        .credentialsProvider(LOCAL_CREDENTIALS)
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(LocalStack::countedWhenAsked)
                        .build();
        closeables.add(ddb);
        sqs = SqsClient.builder()
                .endpointOverride(elasticMq.endpoint())
                .region(Region.of(SamTemplate.REGION))
                .credentialsProvider(LOCAL_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(LocalStack::countedWhenAsked)
                .build();
        closeables.add(sqs);

        AttimoTables.createWithoutExpiry(ddb, TABLE_PREFIX);
        LocalStateTable.createTable(ddb);
        state = new LocalStateTable(ddb, options.dataDir() != null);
        createQueues();

        Optional<Instant> persisted = state.clock();
        clockRestored = persisted.isPresent();
        Instant start = persisted.orElseGet(
                () -> options.start() != null ? options.start() : Instant.now().truncatedTo(ChronoUnit.SECONDS));
        clock = new MutableClock(start);
        state.saveClock(start);

        SamTemplate template = SamTemplate.read(options.home().resolve("template.yaml"));
        catalog = JourneyCatalogLoader.load(options.journeysFile());
        LocalJourneyRuntime journeys = new LocalJourneyRuntime();
        rescores = new LocalRescoreScheduler(clock, state);
        rescores.bind(elasticMq.queue(QUEUE)::send);

        context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments("local")
                .properties(micronautProperties())
                .build();
        // the virtual clock is the business clock (attimo.clock=external drops the factory's system clock)
        context.registerBeanDefinition(RuntimeBeanDefinition.builder(MutableClock.class, () -> clock)
                .exposedTypes(Clock.class, MutableClock.class)
                .singleton(true)
                .build());
        if (dynamoDbInProcess) {
            // the functions share the stack's in-process client (attimo.aws.dynamodb.client=external drops theirs)
            context.registerBeanDefinition(RuntimeBeanDefinition.builder(DynamoDbClient.class, () -> ddb)
                    .singleton(true)
                    .build());
        }
        context.registerBeanDefinition(RuntimeBeanDefinition.builder(LocalJourneyRuntime.class, () -> journeys)
                .exposedTypes(JourneyRuntime.class, JourneyExecutions.class, LocalJourneyRuntime.class)
                .singleton(true)
                .build());
        // on AWS a daily job stands in for per-customer timers (a @Secondary bean); locally they are real
        // the analytics refresh's DLQ alert watches the embedded queue's dead letters
        context.registerBeanDefinition(RuntimeBeanDefinition.builder(DeadLetters.class, () ->
                        (DeadLetters) () -> new DeadLetterQueue(sqs, dlqUrl, queueUrl).approximateCount())
                .singleton(true)
                .build());
        context.registerBeanDefinition(RuntimeBeanDefinition.builder(LocalRescoreScheduler.class, () -> rescores)
                .exposedTypes(RescoreScheduler.class, LocalRescoreScheduler.class)
                .singleton(true)
                .build());
        context.start();
        closeables.add(context);

        functions = new LinkedHashMap<>();
        for (Map.Entry<String, String> fn : template.functionHandlers().entrySet()) {
            if (isOnClasspath(fn.getValue()) || REQUIRED_FUNCTIONS.contains(fn.getKey())) {
                functions.put(fn.getKey(), LambdaFunction.instantiate(fn.getKey(), fn.getValue(), context));
            }
        }
        for (String required : REQUIRED_FUNCTIONS) {
            if (!functions.containsKey(required)) {
                throw new IllegalStateException("template.yaml has no function " + required);
            }
        }
        List<SamTemplate.Route> routes = template.routes();
        for (SamTemplate.Route route : routes) {
            LambdaFunction function = functions.get(route.functionLogicalId());
            if (function != null && !function.serves(route.routeKey())) {
                throw new IllegalStateException("template.yaml routes " + route.routeKey() + " to "
                        + route.functionLogicalId() + ", whose handler does not serve it");
            }
        }

        List<SamTemplate.Schedule> scheduled;
        try {
            scheduled = template.schedules();
        } catch (RuntimeException e) {
            System.err.println("attimo: template.yaml's schedules cannot run locally: " + e.getMessage());
            scheduled = List.of();
        }
        schedules = new LocalSchedules(clock, scheduled, functions);

        // without a data directory the executions end with the process: nothing to snapshot
        ExecutionStore store = options.dataDir() == null ? ExecutionStore.NONE : dynamoExecutionStore();
        executor = StepFunctionsExecutor.builder()
                .clock(clock)
                .taskInvoker(new LambdaTaskInvoker(functions))
                .store(store)
                // different customers' journey steps overlap (one customer's run in order); 1 runs them one by one
                .drainWorkers(Integer.getInteger("attimo.local.drainWorkers", 2), "customerId")
                .build();
        registerStateMachines(template);
        journeys.bind(executor, stateMachineArns);
        resumedExecutions = executor.resumeAll();

        pump = new QueuePump(
                sqs,
                queueUrl,
                queueArn(queueUrl),
                elasticMq.queue(QUEUE),
                functions.get("ScoreFunction"),
                this::runDueNow);
        pump.start(options.queueWorkers());
        closeables.add(pump);

        http.serve(new LocalRoutes(this, routes));

        runDueNow();
        if (options.realtime()) {
            startRealtimeTicker();
        }
    }

    /**
     * The functions and the stack call DynamoDB Local in-process unless {@code -Dattimo.local.dynamodb=http} asks for the
     * SDK over its loopback HTTP endpoint (the path a deployed function's client takes, 5–10 times slower here).
     */
    private static boolean inProcessDynamoDb() {
        String mode = System.getProperty("attimo.local.dynamodb", "in-process");
        return switch (mode) {
            case "in-process" -> true;
            case "http" -> false;
            default ->
                throw new IllegalArgumentException("attimo.local.dynamodb must be in-process or http, not " + mode);
        };
    }

    /** The stack's own clients report to the same call counter as the functions' ({@code -Dattimo.aws.countCalls}). */
    private static void countedWhenAsked(
            software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder b) {
        if (Boolean.getBoolean("attimo.aws.countCalls")) b.addExecutionInterceptor(SdkCallCounter.global());
    }

    /** One stack per data directory: DynamoDB Local's SQLite file cannot be shared. */
    private void lockDataDir(Path dir) {
        try {
            Files.createDirectories(dir);
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
                    dir.resolve(".attimo.lock"),
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("the data directory " + dir + " is in use by another attimo process");
            }
            closeables.add(channel);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new IllegalStateException(
                    "the data directory " + dir + " is in use by another stack in this process", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static final List<String> REQUIRED_FUNCTIONS =
            List.of("IngestFunction", "ScoreFunction", "JourneyFunction", "InsightsFunction");

    private static final StaticCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private Map<String, Object> micronautProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("attimo.table.prefix", TABLE_PREFIX);
        p.put("attimo.journeys.file", options.journeysFile().toAbsolutePath().toString());
        // the experiments beside the journeys file; a journeys file without one runs no experiments
        Path experiments = options.journeysFile().toAbsolutePath().resolveSibling("experiments.json");
        p.put(
                "attimo.experiments.file",
                Files.exists(experiments) ? experiments.toString() : ExperimentCatalogLoader.NONE);
        // the touchpoint inventory beside the journeys file, else the project's; edits apply at the next start
        Path touchpoints = options.journeysFile().toAbsolutePath().resolveSibling("touchpoints.json");
        if (!Files.exists(touchpoints)) touchpoints = options.home().resolve("touchpoints.json");
        if (Files.exists(touchpoints))
            p.put("attimo.touchpoints.file", touchpoints.toAbsolutePath().toString());
        Path trays = options.home().resolve("trays");
        if (Files.isDirectory(trays))
            p.put("attimo.trays.dir", trays.toAbsolutePath().toString());
        p.put("attimo.clock", "external");
        p.put("attimo.aws.region", SamTemplate.REGION);
        p.put("attimo.aws.dynamodb.endpoint", dynamoDb.endpoint().toString());
        if (dynamoDbInProcess) p.put("attimo.aws.dynamodb.client", "external");
        p.put("attimo.aws.sqs.endpoint", elasticMq.endpoint().toString());
        p.put("attimo.events.queue.url", queueUrl);
        p.put("attimo.channel.mode", "outbox");
        p.put("attimo.journeys.runtime", "local");
        p.put("attimo.secrets.source", "env");
        p.put("attimo.secrets.webhook", options.webhookSecret());
        p.put("attimo.secrets.hubspot", options.hubspotSecret());
        p.put("attimo.public.base-url", publicBaseUrl());
        // a journey declared as data brings its message templates in templates/ beside its journeys.json
        Path templates = options.journeysFile().toAbsolutePath().resolveSibling("templates");
        if (Files.isDirectory(templates)) p.put("attimo.templates.dir", templates.toString());
        p.put("attimo.aws.access-key-id", "local");
        p.put("attimo.aws.secret-access-key", "local");
        return p;
    }

    /** Where message links point: $ATTIMO_PUBLIC_BASE_URL, else this stack's own address. */
    private String publicBaseUrl() {
        String configured = System.getenv("ATTIMO_PUBLIC_BASE_URL");
        if (configured != null && !configured.isBlank()) return configured.strip();
        return "http://127.0.0.1:" + httpPort;
    }

    private ExecutionStore dynamoExecutionStore() {
        DynamoExecutionStore.createTable(ddb);
        return new DynamoExecutionStore(ddb);
    }

    private void createQueues() {
        dlqUrl = sqs.createQueue(b -> b.queueName(DLQ).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                .queueUrl();
        String redrive = "{\"deadLetterTargetArn\":\"" + queueArn(dlqUrl) + "\",\"maxReceiveCount\":\""
                + MAX_RECEIVE_COUNT + "\"}";
        queueUrl = sqs.createQueue(b -> b.queueName(QUEUE)
                        .attributes(Map.of(
                                QueueAttributeName.FIFO_QUEUE,
                                "true",
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                "180",
                                QueueAttributeName.REDRIVE_POLICY,
                                redrive)))
                .queueUrl();
    }

    private String queueArn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    /**
     * Registers every journey of the journeys file, its ASL read from beside that file, with the substitutions of its
     * template state machine when template.yaml declares one, else one {@code ${<Function>Arn}} per template
     * function: a journey that is only an ASL file and an entry runs locally with no template or Java change.
     */
    private void registerStateMachines(SamTemplate template) {
        Map<String, SamTemplate.StateMachine> byLogicalId = new LinkedHashMap<>();
        for (SamTemplate.StateMachine sm : template.stateMachines()) {
            byLogicalId.put(sm.logicalId(), sm);
        }
        Map<String, String> functionArns = new LinkedHashMap<>();
        for (String logicalId : template.functionHandlers().keySet()) {
            functionArns.put(logicalId + "Arn", SamTemplate.functionArn(logicalId));
        }
        Path dir = options.journeysFile().toAbsolutePath().getParent();
        for (JourneyDefinition journey : catalog.all()) {
            SamTemplate.StateMachine sm =
                    journey.stateMachine() == null ? null : byLogicalId.get(journey.stateMachine());
            Map<String, String> substitutions = sm == null ? functionArns : sm.substitutions();
            Path file = dir.resolve(journey.asl());
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("journey " + journey.name() + ": cannot read " + file, e);
            }
            String arn = LocalArns.stateMachineArn(journey.name());
            executor.register(arn, AslParser.parse(text, substitutions));
            stateMachineArns.put(journey.name(), arn);
        }
        // state machines that no event starts (the trays': started by POST /trays), named after their definition file
        java.util.Set<String> journeyMachines = new java.util.HashSet<>();
        catalog.all().forEach(j -> journeyMachines.add(j.stateMachine()));
        for (SamTemplate.StateMachine sm : template.stateMachines()) {
            if (journeyMachines.contains(sm.logicalId()) || sm.definitionUri() == null) continue;
            String fileName = Path.of(sm.definitionUri()).getFileName().toString();
            if (!fileName.endsWith(".asl.json")) continue;
            String name = fileName.substring(0, fileName.length() - ".asl.json".length());
            if (stateMachineArns.containsKey(name)) continue;
            Path file = dir.resolve(fileName);
            if (!Files.isRegularFile(file)) continue;
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("state machine " + name + ": cannot read " + file, e);
            }
            String arn = LocalArns.stateMachineArn(name);
            executor.register(arn, AslParser.parse(text, sm.substitutions()));
            stateMachineArns.put(name, arn);
        }
    }

    private static boolean isOnClasspath(String className) {
        try {
            Class.forName(className, false, LocalStack.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private void startRealtimeTicker() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attimo-realtime-clock");
            t.setDaemon(true);
            return t;
        });
        long[] lastWall = {System.nanoTime()};
        ticker.scheduleWithFixedDelay(
                () -> {
                    try {
                        // read and move under the lock, so a clock set back meanwhile is not undone by this tick
                        synchronized (advanceLock) {
                            long wall = System.nanoTime();
                            Instant exact = clock.instant().plus(Duration.ofNanos(wall - lastWall[0]));
                            Instant target = exact.truncatedTo(ChronoUnit.MILLIS);
                            // the sub-millisecond rest counts toward the next tick, so the clock does not drift behind
                            // wall time
                            lastWall[0] = wall - Duration.between(target, exact).toNanos();
                            move(target, false);
                        }
                    } catch (RuntimeException e) {
                        if (!closed) {
                            System.err.println("attimo: realtime clock tick failed: " + e.getMessage());
                        }
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
    }

    // ---- time ----

    /** Runs what is due at the clock's current instant without moving it (after each queue batch). */
    void runDueNow() {
        if (closed) {
            return;
        }
        LocalTimings.time("after batch: executor drain", executor::drain);
        LocalTimings.time("after batch: re-scores fired", rescores::fireDue);
    }

    /**
     * Moves the virtual clock to {@code target}, stopping at every pending timer on the way (journey waits, task
     * timeouts, retries, re-score timers) in order; at each stop the queue is drained, the executor runs what is due and
     * due re-scores are sent, until nothing more happens at that instant. A target in the past only settles the present.
     */
    @Override
    public AdvanceResult advanceTo(Instant target) {
        return move(target, true);
    }

    /**
     * Sets the virtual clock to {@code target}. Forward, as {@link #advanceTo}. Back, only when going back reorders
     * nothing: the queue is drained first at the current instant, then no journey may be running and no re-score
     * timer pending (their timers would fire in a different order), otherwise a {@link Conflict} names what is
     * pending and nothing changes. Recurring schedules are recomputed from the new instant.
     */
    @Override
    public AdvanceResult setClock(Instant target) {
        synchronized (advanceLock) {
            Instant from = clock.instant();
            if (!target.isBefore(from)) return move(target, true);
            long processedBefore = pump.processed();
            settle(true);
            List<String> pending = new ArrayList<>();
            List<String> running = executions().stream()
                    .filter(e -> e.status() == ExecutionStatus.RUNNING)
                    .map(ExecutionDescription::name)
                    .toList();
            if (!running.isEmpty()) {
                pending.add(running.size() + " running journey execution(s) ("
                        + String.join(", ", running.subList(0, Math.min(3, running.size())))
                        + (running.size() > 3 ? ", ..." : "") + ")");
            }
            if (rescores.pending() > 0) pending.add(rescores.pending() + " pending re-score timer(s)");
            if (!pump.idle()) pending.add("events still in the queue");
            if (!pending.isEmpty()) {
                throw new Conflict("cannot set the virtual clock back to " + target + " (now " + from + "): "
                        + String.join("; ", pending) + " would run out of order; let them finish (advance the clock"
                        + " past them) or start a fresh data directory");
            }
            clock.rewindTo(target);
            schedules.recompute();
            state.saveClock(target);
            Counts after = counts();
            return new AdvanceResult(from, target, 0, 0, 0, pump.processed() - processedBefore, 0, 0, after.running);
        }
    }

    /**
     * @param waitForQueue true: at each stop, wait until the queue is empty (deterministic, what manual time needs);
     *     false: run only what is due (the realtime ticker, which must not stall behind a busy queue)
     */
    private AdvanceResult move(Instant target, boolean waitForQueue) {
        synchronized (advanceLock) {
            Instant from = clock.instant();
            long processedBefore = pump.processed();
            long jobsBefore = jobsRun.get();
            Counts before = counts();
            int stops = 0;
            int rescoresFired = settle(waitForQueue);
            while (true) {
                Optional<Instant> next = nextTimer();
                if (next.isEmpty() || next.get().isAfter(target)) {
                    break;
                }
                if (next.get().isAfter(clock.instant())) {
                    clock.advanceTo(next.get());
                    // a crash later in this move restarts from the last stop reached, not from where the move began
                    state.saveClock(clock.instant());
                    stops++;
                }
                long jobsBeforeStop = jobsRun.get();
                int fired = settle(waitForQueue);
                rescoresFired += fired;
                if (fired == 0 && jobsRun.get() == jobsBeforeStop && stillDueAt(next.get())) {
                    // a timer that draining does not clear (should not happen): do not spin on it
                    break;
                }
            }
            clock.advanceTo(target);
            rescoresFired += settle(waitForQueue);
            state.saveClock(clock.instant());
            Counts after = counts();
            return new AdvanceResult(
                    from,
                    clock.instant(),
                    stops,
                    rescoresFired,
                    jobsRun.get() - jobsBefore,
                    pump.processed() - processedBefore,
                    after.started - before.started,
                    after.finished - before.finished,
                    after.running);
        }
    }

    private boolean stillDueAt(Instant instant) {
        Optional<Instant> next = nextTimer();
        return next.isPresent() && !next.get().isAfter(instant);
    }

    /** The earliest pending timer of the executor, the re-score timers and the scheduled jobs. */
    private Optional<Instant> nextTimer() {
        return earliest(earliest(executor.nextDue(), rescores.nextDue()), schedules.nextDue());
    }

    /**
     * Drains queue and executor at the current instant until quiet, running due scheduled jobs; answers how many
     * re-score timers fired.
     */
    private int settle(boolean waitForQueue) {
        // without workers nothing drains the queue: waiting for it would only time out
        if (!waitForQueue || options.queueWorkers() == 0) {
            executor.drain();
            jobsRun.addAndGet(schedules.fireDue());
            return rescores.fireDue();
        }
        int fired = 0;
        for (int round = 0; round < 10_000; round++) {
            if (!LocalTimings.time("settle: await queue idle", () -> pump.awaitIdle(SETTLE_TIMEOUT_MILLIS))) {
                System.err.println("attimo: the event queue did not drain within " + SETTLE_TIMEOUT_MILLIS / 1000
                        + " s; moving on");
            }
            LocalTimings.time("settle: executor drain", executor::drain);
            int jobs = LocalTimings.time("settle: scheduled jobs", schedules::fireDue);
            jobsRun.addAndGet(jobs);
            int now = LocalTimings.time("settle: re-scores fired", rescores::fireDue);
            fired += now;
            if (now == 0 && jobs == 0 && pump.idle()) {
                return fired;
            }
        }
        return fired;
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().isBefore(b.get()) ? a : b;
    }

    private record Counts(long started, long finished, long running) {}

    private Counts counts() {
        long started = 0;
        long finished = 0;
        long running = 0;
        for (ExecutionDescription e : executions()) {
            started++;
            if (e.status() == ExecutionStatus.RUNNING) {
                running++;
            } else {
                finished++;
            }
        }
        return new Counts(started, finished, running);
    }

    // ---- what the HTTP routes and the CLI read ----

    @Override
    public Object invokeHttpFunction(String logicalId, APIGatewayV2HTTPEvent event) {
        return function(logicalId).invoke(event);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public String clockMode() {
        return options.realtime() ? "realtime" : "manual";
    }

    @Override
    public ObjectNode health() {
        ObjectNode out = LambdaFunction.MAPPER.createObjectNode();
        out.put("status", closed ? "stopping" : "ok");
        out.put("now", clock.instant().toString());
        out.put("clock", clockMode());
        ObjectNode components = out.putObject("components");
        components
                .putObject("dynamodb")
                .put("endpoint", dynamoDb.endpoint().toString())
                .put(
                        "storage",
                        options.dataDir() == null
                                ? "in-memory"
                                : options.dataDir().resolve("dynamodb").toString());
        components
                .putObject("sqs")
                .put("endpoint", elasticMq.endpoint().toString())
                .put("queue", QUEUE)
                .put("processed", pump.processed())
                .put("failed", pump.failed())
                .put("deadLetters", deadLetters());
        ObjectNode sfn = components.putObject("stepFunctions");
        sfn.putPOJO("journeys", stateMachineArns.keySet());
        Counts counts = counts();
        sfn.put("running", counts.running).put("finished", counts.finished);
        components
                .putObject("scheduler")
                .put("pendingRescores", rescores.pending())
                .putPOJO("schedules", schedules.describe());
        components.putObject("functions").putPOJO("loaded", functions.keySet());
        return out;
    }

    @Override
    public List<OutboxMessage> outbox(Optional<String> customerId) {
        return outbox(OutboxQuery.of(customerId));
    }

    @Override
    public List<OutboxMessage> outbox(OutboxQuery query) {
        return outbox().find(query);
    }

    @Override
    public List<QuarantinedEvent> quarantine(int limit) {
        return quarantine().recent(limit);
    }

    /** One execution's history, by its ARN (names are unique per state machine only). */
    public List<HistoryEvent> executionHistory(String executionArn) {
        return executor.history(executionArn);
    }

    @Override
    public Optional<List<HistoryEvent>> history(String executionName) {
        for (String smArn : stateMachineArns.values()) {
            try {
                return Optional.of(executor.history(LocalArns.executionArn(smArn, executionName)));
            } catch (ExecutionDoesNotExistException notThisJourney) {
                // try the next journey
            }
        }
        return Optional.empty();
    }

    public MutableClock clock() {
        return clock;
    }

    public boolean realtime() {
        return options.realtime();
    }

    public URI baseUrl() {
        return http.baseUrl();
    }

    /** Whether the stack and its functions call DynamoDB Local in-process (else through the SDK over HTTP). */
    public boolean dynamoDbInProcess() {
        return dynamoDbInProcess;
    }

    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    public URI sqsEndpoint() {
        return elasticMq.endpoint();
    }

    public Optional<Path> dataDir() {
        return Optional.ofNullable(options.dataDir());
    }

    public DynamoDbClient dynamoDb() {
        return ddb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String queueUrl() {
        return queueUrl;
    }

    public String dlqUrl() {
        return dlqUrl;
    }

    public ApplicationContext context() {
        return context;
    }

    public LambdaFunction function(String logicalId) {
        LambdaFunction f = functions.get(logicalId);
        if (f == null) {
            throw new IllegalArgumentException("no local function " + logicalId);
        }
        return f;
    }

    public StepFunctionsExecutor executor() {
        return executor;
    }

    /** Journey name → state machine ARN of every loaded state machine. */
    public Map<String, String> stateMachines() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stateMachineArns));
    }

    /** Every execution of every journey, newest first per journey. */
    @Override
    public List<ExecutionDescription> executions() {
        List<ExecutionDescription> out = new ArrayList<>();
        for (String arn : stateMachineArns.values()) {
            out.addAll(executor.listExecutions(arn, null));
        }
        return out;
    }

    public DynamoOutboxChannel outbox() {
        return new DynamoOutboxChannel(ddb, TABLE_PREFIX, catalog, clock);
    }

    public DynamoQuarantineStore quarantine() {
        return new DynamoQuarantineStore(ddb, TABLE_PREFIX);
    }

    public int pendingRescores() {
        return rescores.pending();
    }

    public long messagesProcessed() {
        return pump.processed();
    }

    public long messagesFailed() {
        return pump.failed();
    }

    public int resumedExecutions() {
        return resumedExecutions;
    }

    public boolean clockRestored() {
        return clockRestored;
    }

    public int deadLetters() {
        return deadLetterQueue().approximateCount();
    }

    @Override
    public ObjectNode deadLetters(int max) {
        return deadLetterQueue().report(max);
    }

    @Override
    public int redriveDeadLetters() {
        return deadLetterQueue().redrive();
    }

    private DeadLetterQueue deadLetterQueue() {
        return new DeadLetterQueue(sqs, dlqUrl, queueUrl);
    }

    /**
     * Stops cleanly: no new requests, the queue drained (in memory, ElasticMQ would lose what is left; with a data
     * directory it would keep it, but a drained queue makes the next start quick), the clock saved, then every
     * component in reverse order of start.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (http != null) {
            http.close();
            closeables.remove(http);
        }
        if (pump != null && executor != null) {
            try {
                synchronized (advanceLock) {
                    settle(true);
                    state.saveClock(clock.instant());
                }
            } catch (RuntimeException e) {
                System.err.println("attimo: could not drain the queue before stopping: " + e.getMessage());
            }
        }
        closed = true;
        RuntimeException failure = null;
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping the local stack: " + e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
