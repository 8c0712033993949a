package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs Amazon States Language state machines inside one JVM on an injected (usually virtual) clock.
 *
 * <p>Work model: {@link #start}, {@link #sendTaskSuccess} and friends only record work. {@link #drain()} runs
 * everything runnable at {@code clock.instant()} (including timers that are due) until nothing is; {@link #nextDue()}
 * says when the next timer fires. A driver moves the clock there and drains again ({@link #runToCompletion}).
 *
 * <p>Every state change is written to the {@link ExecutionStore}; a new executor on the same store continues all
 * running executions after {@link #resumeAll()}. A Task whose invocation was interrupted by a crash is invoked again
 * on resume (at-least-once, like AWS retries). Thread-safe: every public method takes one lock, which is released
 * while a {@link TaskInvoker} runs (so invokers may call back from any thread).
 */
public final class StepFunctionsExecutor implements TaskTokenCallbacks {
    private static final int MAX_DRIVER_STEPS = 1_000_000;
    private static final java.util.regex.Pattern VALID_NAME =
            java.util.regex.Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");

    private final Clock clock;
    private final TaskInvoker invoker;
    private final ExecutionStore store;
    private final Random random;
    private final Supplier<UUID> uuids;
    private final PayloadTemplate templates;
    private final ReentrantLock lock = new ReentrantLock();
    private final TaskInvoker unlockedInvoker;
    private final Map<String, AslDefinition> stateMachines = new HashMap<>();
    private final Map<String, ExecutionRecord> executions = new LinkedHashMap<>();
    private final Map<String, AslDefinition> definitionCache = new HashMap<>();
    private final java.util.concurrent.ExecutorService drainWorkers;
    private final String partitionKey;

    private StepFunctionsExecutor(Builder builder) {
        this.clock = Objects.requireNonNull(builder.clock, "clock");
        this.invoker = builder.invoker;
        this.store = builder.store;
        this.random = builder.random;
        this.uuids = builder.uuids != null ? builder.uuids : seededUuids(new Random(builder.seed + 1));
        this.templates = new PayloadTemplate(new IntrinsicFunctions(random, uuids));
        this.partitionKey = builder.partitionKey;
        this.drainWorkers = builder.drainWorkers < 2 ? null : drainPool(builder.drainWorkers);
        this.unlockedInvoker = new TaskInvoker() {
            @Override
            public JsonNode invoke(TaskRequest request) {
                return invokeUnlocked(request);
            }

            @Override
            public boolean returnsServiceResponse() {
                return invoker.returnsServiceResponse();
            }
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates or replaces a state machine. Running executions keep the definition they started with. */
    public void register(String stateMachineArn, AslDefinition definition) {
        lock.lock();
        try {
            stateMachines.put(stateMachineArn, definition);
        } finally {
            lock.unlock();
        }
    }

    public boolean isRegistered(String stateMachineArn) {
        lock.lock();
        try {
            return stateMachines.containsKey(stateMachineArn);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts an execution (runs nothing until {@link #drain()}). Like StartExecution on a Standard workflow: the same
     * name and input as a RUNNING execution returns its ARN; a closed execution or a different input with the same name
     * throws {@link ExecutionAlreadyExistsException}.
     *
     * @param executionName null for a generated one; an invalid name throws {@link InvalidNameException}
     * @return the execution ARN {@code arn:aws:states:<region>:<account>:execution:<smName>:<name>}
     */
    public String start(String stateMachineArn, String executionName, String inputJson) {
        lock.lock();
        try {
            AslDefinition definition = stateMachines.get(stateMachineArn);
            if (definition == null) {
                throw new StateMachineDoesNotExistException("State Machine Does Not Exist: '" + stateMachineArn + "'");
            }
            String name = executionName != null ? executionName : uuids.get().toString();
            if (!VALID_NAME.matcher(name).matches()) {
                throw new InvalidNameException("Invalid Name: '" + name + "' (1-80 characters, no whitespace, no "
                        + "< > { } [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : / or control characters)");
            }
            JsonNode input = Json.parse(inputJson == null || inputJson.isBlank() ? "{}" : inputJson);
            String arn = Arns.executionArn(stateMachineArn, name);
            ExecutionRecord existing = executions.get(arn);
            if (existing != null) {
                if (existing.status == ExecutionStatus.RUNNING && existing.input.equals(input)) {
                    return arn;
                }
                throw new ExecutionAlreadyExistsException("Execution Already Exists: '" + arn + "'");
            }
            ExecutionRecord exec = new ExecutionRecord();
            exec.arn = arn;
            exec.stateMachineArn = stateMachineArn;
            exec.name = name;
            exec.definition = definition.json();
            exec.input = input;
            exec.status = ExecutionStatus.RUNNING;
            exec.startDate = clock.instant();
            exec.timeoutAt = definition
                    .timeoutSeconds()
                    .map(s -> exec.startDate.plusSeconds(s))
                    .orElse(null);
            exec.history.add(HistoryEvent.of(1, "ExecutionStarted", exec.startDate, null, detail("input", input)));
            Frame root = new Frame();
            root.id = exec.nextFrameId++;
            root.scope = "";
            root.moveTo(definition.startAt(), input);
            exec.frames.put(root.id, root);
            executions.put(arn, exec);
            definitionCache.put(arn, definition);
            save(exec);
            return arn;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs all work whose time has come, until nothing is runnable at the clock's current instant. The execution is
     * saved after every step that invoked a Task and whenever it settles (waits, parks or ends); steps without side
     * effects in between (Pass, Choice...) are simply re-run if the process dies before the next save.
     */
    public void drain() {
        lock.lock();
        try {
            boolean progress = true;
            while (progress) {
                Instant now = clock.instant();
                List<ExecutionRecord> running = new ArrayList<>();
                for (ExecutionRecord exec : executions.values()) {
                    if (exec.status != ExecutionStatus.RUNNING) continue;
                    if (exec.quietUntil != null && exec.quietUntil.isAfter(now)) continue;
                    if (ExecutionRunner.runnableAt(exec, now)) {
                        running.add(exec);
                    } else {
                        exec.quietUntil = runner(exec).nextDue().orElse(Instant.MAX);
                    }
                }
                progress = drainWorkers == null ? runAll(running) : runInParallel(running);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs each execution as far as it goes now, in order; true if any made progress. Called with the lock held. */
    private boolean runAll(List<ExecutionRecord> executions) {
        boolean progress = false;
        for (ExecutionRecord exec : executions) {
            if (exec.status != ExecutionStatus.RUNNING) continue;
            ExecutionRunner runner = runner(exec);
            boolean unsaved = false;
            while (runner.stepOnce()) {
                progress = true;
                unsaved = true;
                if (runner.takeInvokedTask()) {
                    save(exec);
                    unsaved = false;
                }
            }
            if (unsaved) save(exec);
            // a drain on another thread may have judged it while its Task ran unlocked
            exec.quietUntil = null;
        }
        return progress;
    }

    /**
     * The executions grouped by their input's {@code partitionKey} field (a customer: its executions run one after
     * the other, in order, as {@link #runAll} would), the groups spread over the workers. Interpreting states takes
     * the lock; Task invocations run without it, so while one worker's Task runs, the others step their executions.
     */
    private boolean runInParallel(List<ExecutionRecord> running) {
        Map<String, List<ExecutionRecord>> groups = new LinkedHashMap<>();
        for (ExecutionRecord exec : running) {
            JsonNode key = exec.input == null ? null : exec.input.get(partitionKey);
            groups.computeIfAbsent(
                            key != null && key.isTextual() ? "k:" + key.asText() : "a:" + exec.arn,
                            k -> new ArrayList<>())
                    .add(exec);
        }
        if (groups.size() < 2) return runAll(running);
        List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
        for (List<ExecutionRecord> group : groups.values()) {
            results.add(drainWorkers.submit(() -> {
                lock.lock();
                try {
                    return runAll(group);
                } finally {
                    lock.unlock();
                }
            }));
        }
        int holds = lock.getHoldCount();
        for (int i = 0; i < holds; i++) lock.unlock();
        boolean progress = false;
        RuntimeException failure = null;
        try {
            for (java.util.concurrent.Future<Boolean> r : results) {
                try {
                    progress |= r.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null)
                        failure = e.getCause() instanceof RuntimeException re
                                ? re
                                : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while draining", e);
                }
            }
        } finally {
            for (int i = 0; i < holds; i++) lock.lock();
        }
        if (failure != null) throw failure;
        return progress;
    }

    /**
     * Daemon workers that end after 30 s idle, so an executor nobody closes (a test's stack, a finished demo) leaves
     * no threads behind.
     */
    private static java.util.concurrent.ExecutorService drainPool(int workers) {
        var pool = new java.util.concurrent.ThreadPoolExecutor(
                workers,
                workers,
                30,
                java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(),
                work -> {
                    Thread t = new Thread(work, "sfn-drain");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The earliest pending timer (Wait end, retry backoff, task or heartbeat timeout, execution timeout). */
    public Optional<Instant> nextDue() {
        lock.lock();
        try {
            Instant due = null;
            for (ExecutionRecord exec : executions.values()) {
                Optional<Instant> d = exec.quietUntil == null
                        ? runner(exec).nextDue()
                        : Optional.of(exec.quietUntil).filter(q -> !q.equals(Instant.MAX));
                if (d.isPresent() && (due == null || d.get().isBefore(due))) {
                    due = d.get();
                }
            }
            return Optional.ofNullable(due);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drains, then repeatedly moves the driver's clock to {@link #nextDue()} and drains again, until no timer is pending
     * (executions parked on a task token without a timeout stay RUNNING). Waits therefore complete at once.
     */
    public void runToCompletion(VirtualTimeDriver driver) {
        for (int i = 0; i < MAX_DRIVER_STEPS; i++) {
            drain();
            Optional<Instant> due = nextDue();
            if (due.isEmpty()) {
                return;
            }
            driver.advanceTo(due.get());
        }
        throw new IllegalStateException("runToCompletion did not settle after " + MAX_DRIVER_STEPS + " timer steps");
    }

    @Override
    public void sendTaskSuccess(String taskToken, String outputJson) {
        lock.lock();
        try {
            JsonNode output = Json.parse(outputJson);
            resolve(taskToken, (runner, frame) -> runner.resolveToken(frame, output, null, null));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sendTaskFailure(String taskToken, String error, String cause) {
        lock.lock();
        try {
            resolve(taskToken, (runner, frame) -> runner.resolveToken(frame, null, error == null ? "" : error, cause));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sendTaskHeartbeat(String taskToken) {
        lock.lock();
        try {
            resolve(taskToken, ExecutionRunner::heartbeat);
        } finally {
            lock.unlock();
        }
    }

    /** Aborts a running execution (StopExecution). Stopping a closed execution changes nothing. */
    public void stop(String executionArn, String error, String cause) {
        lock.lock();
        try {
            ExecutionRecord exec = execution(executionArn);
            if (exec.status == ExecutionStatus.RUNNING) {
                exec.quietUntil = null;
                runner(exec).abort(error, cause);
                save(exec);
            }
        } finally {
            lock.unlock();
        }
    }

    public ExecutionDescription describe(String executionArn) {
        lock.lock();
        try {
            return execution(executionArn).describe();
        } finally {
            lock.unlock();
        }
    }

    /** Executions of a state machine, newest first, optionally only those with {@code status} (null = all). */
    public List<ExecutionDescription> listExecutions(String stateMachineArn, ExecutionStatus status) {
        lock.lock();
        try {
            List<ExecutionDescription> out = new ArrayList<>();
            for (ExecutionRecord exec : executions.values()) {
                if (exec.stateMachineArn.equals(stateMachineArn) && (status == null || exec.status == status)) {
                    out.add(0, exec.describe());
                }
            }
            out.sort(java.util.Comparator.comparing(ExecutionDescription::startDate)
                    .reversed());
            return out;
        } finally {
            lock.unlock();
        }
    }

    public List<HistoryEvent> history(String executionArn) {
        lock.lock();
        try {
            return List.copyOf(execution(executionArn).history);
        } finally {
            lock.unlock();
        }
    }

    /** The token a .waitForTaskToken task of this execution is parked on, if any (handy for tests and the CLI). */
    public List<String> parkedTokens(String executionArn) {
        lock.lock();
        try {
            List<String> tokens = new ArrayList<>();
            for (Frame frame : execution(executionArn).frames.values()) {
                if (frame.phase == Frame.Phase.PARKED && frame.token != null) {
                    tokens.add(frame.token);
                }
            }
            return tokens;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Loads every execution from the store (so describe/history work for finished ones too) and continues the running
     * ones where they stopped. Call before {@link #drain()}; executions already known to this executor are kept.
     *
     * @return how many RUNNING executions were resumed
     */
    public int resumeAll() {
        lock.lock();
        try {
            int resumed = 0;
            List<ExecutionRecord> loaded = new ArrayList<>();
            for (ExecutionSnapshot snapshot : store.loadAll()) {
                if (!executions.containsKey(snapshot.executionArn())) {
                    loaded.add(ExecutionRecord.fromJson(snapshot.json()));
                }
            }
            // start order, as before the restart, so work runs in the same order whatever order the store lists
            loaded.sort(java.util.Comparator.comparing((ExecutionRecord e) -> e.startDate)
                    .thenComparing(e -> e.arn));
            for (ExecutionRecord exec : loaded) {
                for (Frame frame : exec.frames.values()) {
                    if (frame.phase == Frame.Phase.INVOKING) {
                        frame.phase = Frame.Phase.READY; // the invocation was cut short: invoke again (at-least-once)
                    }
                }
                executions.put(exec.arn, exec);
                if (exec.status == ExecutionStatus.RUNNING) {
                    resumed++;
                }
            }
            return resumed;
        } finally {
            lock.unlock();
        }
    }

    // ---- internals ----

    private interface FrameAction {
        void apply(ExecutionRunner runner, Frame frame);
    }

    private void resolve(String taskToken, FrameAction action) {
        TaskTokens.Parsed parsed = TaskTokens.parse(taskToken)
                .orElseThrow(() -> new InvalidTokenException("Invalid Token: '" + taskToken + "'"));
        ExecutionRecord exec = executions.get(parsed.executionArn());
        if (exec == null) {
            throw new InvalidTokenException("Invalid Token: '" + taskToken + "'");
        }
        Frame frame = exec.frames.get(parsed.frameId());
        if (exec.status != ExecutionStatus.RUNNING || frame == null || !taskToken.equals(frame.token)) {
            throw new TaskTimedOutException("Task Timed Out: '" + taskToken + "'");
        }
        action.apply(runner(exec), frame);
        exec.quietUntil = null;
        save(exec);
    }

    private ExecutionRecord execution(String executionArn) {
        ExecutionRecord exec = executions.get(executionArn);
        if (exec == null) {
            throw new ExecutionDoesNotExistException("Execution Does Not Exist: '" + executionArn + "'");
        }
        return exec;
    }

    /**
     * Calls the real invoker with the lock fully released, so an invoker may call back into this executor from any
     * thread (e.g. a function that sends SendTaskSuccess through an HTTP endpoint served by another thread) without
     * deadlocking. The frame is in phase INVOKING meanwhile, so no other drain runs it twice.
     */
    private JsonNode invokeUnlocked(TaskRequest request) {
        int holds = lock.getHoldCount();
        for (int i = 0; i < holds; i++) {
            lock.unlock();
        }
        try {
            return invoker.invoke(request);
        } finally {
            for (int i = 0; i < holds; i++) {
                lock.lock();
            }
        }
    }

    private ExecutionRunner runner(ExecutionRecord exec) {
        AslDefinition definition =
                definitionCache.computeIfAbsent(exec.arn, arn -> new AslDefinition(Json.parse(exec.definition)));
        return new ExecutionRunner(exec, definition, clock, unlockedInvoker, templates, random);
    }

    private void save(ExecutionRecord exec) {
        if (store.keepsSnapshots()) store.save(new ExecutionSnapshot(exec.arn, exec.status, exec.toJson()));
    }

    private static JsonNode detail(String field, JsonNode value) {
        return Json.object().set(field, value);
    }

    private static Supplier<UUID> seededUuids(Random random) {
        return () -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
            bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        };
    }

    /** Configures an executor. Only the clock is required. */
    public static final class Builder {
        private Clock clock;
        private TaskInvoker invoker = request -> {
            throw new TaskFailedException(
                    ErrorNames.RUNTIME, "no TaskInvoker configured; cannot run state '" + request.stateName() + "'");
        };
        private ExecutionStore store = new InMemoryExecutionStore();
        private long seed = 0;
        private Random random = new Random(0);
        private Supplier<UUID> uuids;
        private int drainWorkers = 1;
        private String partitionKey;

        private Builder() {}

        /**
         * {@link #drain()} runs executions on {@code workers} threads (1: on the caller's, one after the other). The
         * executions whose input has the same {@code partitionKey} field (for example {@code customerId}) stay in one
         * thread, in the order they were started, so work that must not overlap does not; others' Tasks overlap.
         */
        public Builder drainWorkers(int workers, String partitionKey) {
            if (workers < 1) throw new IllegalArgumentException("at least one drain worker");
            if (workers > 1 && (partitionKey == null || partitionKey.isBlank()))
                throw new IllegalArgumentException("parallel drains need a partition key");
            this.drainWorkers = workers;
            this.partitionKey = partitionKey;
            return this;
        }

        /** The only time source (a virtual clock in the local stack); the wall clock is never read. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder taskInvoker(TaskInvoker invoker) {
            this.invoker = invoker;
            return this;
        }

        public Builder store(ExecutionStore store) {
            this.store = store;
            return this;
        }

        /** Seeds States.MathRandom, FULL retry jitter and (unless {@link #uuidSource} is set) States.UUID. */
        public Builder seed(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
            return this;
        }

        /** Source of States.MathRandom and FULL jitter. */
        public Builder random(Random random) {
            this.random = random;
            return this;
        }

        /** Source of States.UUID and generated execution names. */
        public Builder uuidSource(Supplier<UUID> uuids) {
            this.uuids = uuids;
            return this;
        }

        public StepFunctionsExecutor build() {
            return new StepFunctionsExecutor(this);
        }
    }
}
