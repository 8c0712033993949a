package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.logging.Logger;

/**
 * Interprets one execution: advances its runnable frames one step at a time. Not thread-safe; the executor calls it
 * under its lock. All time comes from the injected clock.
 */
final class ExecutionRunner {
    private static final Logger LOG = Logger.getLogger(ExecutionRunner.class.getName());
    static final int MAX_HISTORY_EVENTS = 25_000;
    /** AWS limits state input/output to 256 KiB. */
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

    private final ExecutionRecord exec;
    private final AslDefinition definition;
    private final Clock clock;
    private final TaskInvoker invoker;
    private final PayloadTemplate templates;
    private final Random random;
    private boolean invokedTask;

    ExecutionRunner(
            ExecutionRecord exec,
            AslDefinition definition,
            Clock clock,
            TaskInvoker invoker,
            PayloadTemplate templates,
            Random random) {
        this.exec = exec;
        this.definition = definition;
        this.clock = clock;
        this.invoker = invoker;
        this.templates = templates;
        this.random = random;
    }

    /** Runs one runnable step; false when nothing can run at the clock's current instant. */
    boolean stepOnce() {
        if (exec.status != ExecutionStatus.RUNNING) {
            return false;
        }
        Instant now = clock.instant();
        if (timedOut(exec, now)) {
            finish(
                    ExecutionStatus.TIMED_OUT,
                    null,
                    ErrorNames.TIMEOUT,
                    "The execution exceeded its TimeoutSeconds",
                    "ExecutionTimedOut");
            return true;
        }
        if (historyFull(exec)) {
            finish(
                    ExecutionStatus.FAILED,
                    null,
                    ErrorNames.RUNTIME,
                    "The execution reached the limit of " + MAX_HISTORY_EVENTS + " history events",
                    "ExecutionFailed");
            return true;
        }
        Frame frame = firstRunnable(exec, now);
        if (frame == null) {
            return false;
        }
        step(frame);
        return true;
    }

    /**
     * Whether {@link #stepOnce} would do something at {@code now}: a drain steps only these, so thousands of executions
     * parked on a wait cost nothing at each stop of the clock.
     */
    static boolean runnableAt(ExecutionRecord exec, Instant now) {
        return exec.status == ExecutionStatus.RUNNING
                && (timedOut(exec, now) || historyFull(exec) || firstRunnable(exec, now) != null);
    }

    private static boolean timedOut(ExecutionRecord exec, Instant now) {
        return exec.timeoutAt != null && !exec.timeoutAt.isAfter(now);
    }

    private static boolean historyFull(ExecutionRecord exec) {
        return exec.history.size() >= MAX_HISTORY_EVENTS;
    }

    private static Frame firstRunnable(ExecutionRecord exec, Instant now) {
        for (Frame frame : exec.frames.values()) {
            if (frame.runnableAt(now)) return frame;
        }
        return null;
    }

    /** True once after a step that invoked a Task (a side effect worth persisting at once). */
    boolean takeInvokedTask() {
        boolean invoked = invokedTask;
        invokedTask = false;
        return invoked;
    }

    Optional<Instant> nextDue() {
        if (exec.status != ExecutionStatus.RUNNING) {
            return Optional.empty();
        }
        Instant due = exec.timeoutAt;
        for (Frame frame : exec.frames.values()) {
            due = Frame.earliest(due, frame.due());
        }
        return Optional.ofNullable(due);
    }

    // ---- callbacks (enqueue only) ----

    void resolveToken(Frame frame, JsonNode output, String error, String cause) {
        frame.pendingResult = output;
        frame.pendingError = error;
        frame.pendingCause = cause;
        frame.token = null;
        frame.phase = Frame.Phase.RESOLVED;
    }

    void heartbeat(Frame frame) {
        if (frame.heartbeatSeconds != null) {
            frame.heartbeatAt = clock.instant().plusSeconds(frame.heartbeatSeconds);
        }
    }

    void abort(String error, String cause) {
        finish(ExecutionStatus.ABORTED, null, error, cause, "ExecutionAborted");
    }

    // ---- stepping ----

    private void step(Frame frame) {
        JsonNode state = definition.state(frame.scope, frame.state);
        String type = state.path("Type").asText();
        try {
            switch (frame.phase) {
                case READY -> enter(frame, state, type);
                case WAITING -> exit(frame, state, outputPath(state, frame.effectiveInput), null);
                case RETRY_BACKOFF -> frame.phase = Frame.Phase.READY;
                case PARKED -> timeOut(frame, state);
                case RESOLVED -> resolved(frame, state);
                case CHILDREN_DONE -> {
                    event(type + "StateSucceeded", frame.state, null);
                    complete(frame, state, frame.results);
                }
                case CHILD_FAILED -> {
                    event(type + "StateFailed", frame.state, errorDetails(frame.pendingError, frame.pendingCause));
                    handleError(frame, state, frame.pendingError, frame.pendingCause);
                }
                default -> throw new IllegalStateException("frame " + frame.id + " is not runnable in " + frame.phase);
            }
        } catch (StatesError e) {
            try {
                handleError(frame, state, e.error(), e.errorCause());
            } catch (StatesError again) {
                finish(ExecutionStatus.FAILED, null, again.error(), again.errorCause(), "ExecutionFailed");
            }
        } catch (RuntimeException bug) {
            // an executor defect must not stall every other execution: fail this one loudly instead
            finish(
                    ExecutionStatus.FAILED,
                    null,
                    ErrorNames.RUNTIME,
                    "local executor error in state '" + frame.state + "': " + bug,
                    "ExecutionFailed");
        }
    }

    private void enter(Frame frame, JsonNode state, String type) {
        if (!frame.entered) {
            frame.entered = true;
            frame.enteredTime = clock.instant();
            event(type + "StateEntered", frame.state, details("input", frame.input));
        }
        switch (type) {
            case "Pass" -> {
                JsonNode effective = parameters(state, inputPath(state, frame.input), frame);
                complete(frame, state, state.has("Result") ? state.get("Result") : effective);
            }
            case "Task" -> task(frame, state);
            case "Wait" -> waitState(frame, state);
            case "Choice" -> choice(frame, state);
            case "Succeed" -> exit(frame, state, outputPath(state, inputPath(state, frame.input)), null);
            case "Fail" -> failState(frame, state);
            case "Parallel" -> parallel(frame, state);
            case "Map" -> map(frame, state);
            default -> throw new StatesError(ErrorNames.RUNTIME, "unknown state type " + type);
        }
    }

    private void task(Frame frame, JsonNode state) {
        String resource = state.path("Resource").asText();
        boolean waitsForToken = resource.endsWith(".waitForTaskToken");
        JsonNode effective = inputPath(state, frame.input);
        Instant now = clock.instant();
        Integer timeout = seconds(state, "TimeoutSeconds", effective);
        Integer heartbeat = seconds(state, "HeartbeatSeconds", effective);
        if (waitsForToken && frame.token == null) {
            // a frame resumed from INVOKING keeps its token, so the re-invocation hands out the same one
            frame.token = TaskTokens.create(exec.arn, frame.id, ++exec.tokenSequence);
        }
        JsonNode parameters = parameters(state, effective, frame);
        int invocationIndex = exec.invocations.merge(frame.state, 1, Integer::sum) - 1;
        ObjectNode scheduled = details("resource", Json.NODES.textNode(resource));
        scheduled.set("parameters", parameters);
        event("TaskScheduled", frame.state, scheduled);
        TaskRequest request = new TaskRequest(
                resource,
                parameters,
                Optional.ofNullable(frame.token),
                exec.arn,
                frame.state,
                frame.attempt,
                invocationIndex);
        JsonNode raw;
        invokedTask = true;
        frame.phase = Frame.Phase.INVOKING;
        try {
            raw = invoker.invoke(request);
        } catch (TaskFailedException e) {
            if (stillInvoking(frame)) {
                taskFailed(frame, state, e.error(), e.errorCause());
            }
            return;
        } catch (StatesError e) {
            if (stillInvoking(frame)) {
                taskFailed(frame, state, e.error(), e.errorCause());
            }
            return;
        } catch (RuntimeException e) {
            if (stillInvoking(frame)) {
                taskFailed(frame, state, e.getClass().getName(), e.getMessage());
            }
            return;
        }
        if (!isCurrent(frame) || frame.phase == Frame.Phase.RESOLVED) {
            return; // stopped, timed out or cancelled meanwhile; or the invoker already called back (mocks do)
        }
        frame.phase = Frame.Phase.READY;
        if (waitsForToken) {
            frame.phase = Frame.Phase.PARKED;
            frame.timeoutAt = timeout == null ? null : now.plusSeconds(timeout);
            frame.heartbeatSeconds = heartbeat;
            frame.heartbeatAt = heartbeat == null ? null : now.plusSeconds(heartbeat);
            event("TaskSubmitted", frame.state, details("taskToken", Json.NODES.textNode(frame.token)));
            return;
        }
        JsonNode result = raw == null ? Json.NODES.nullNode() : raw;
        if (resource.equals(LAMBDA_INVOKE) && !invoker.returnsServiceResponse()) {
            ObjectNode wrapped = Json.object();
            wrapped.put("ExecutedVersion", "$LATEST");
            wrapped.set("Payload", result);
            wrapped.put("StatusCode", 200);
            result = wrapped;
        }
        event("TaskSucceeded", frame.state, details("output", result));
        complete(frame, state, result);
    }

    /** After an invocation (run without the executor's lock): is the frame still this execution's, awaiting it? */
    private boolean isCurrent(Frame frame) {
        return exec.status == ExecutionStatus.RUNNING && exec.frames.get(frame.id) == frame;
    }

    private boolean stillInvoking(Frame frame) {
        return isCurrent(frame) && frame.phase == Frame.Phase.INVOKING;
    }

    private void taskFailed(Frame frame, JsonNode state, String error, String cause) {
        frame.phase = Frame.Phase.READY;
        frame.token = null;
        event("TaskFailed", frame.state, errorDetails(error, cause));
        handleError(frame, state, error, cause);
    }

    private void timeOut(Frame frame, JsonNode state) {
        boolean timedOut =
                frame.timeoutAt != null && (frame.heartbeatAt == null || !frame.timeoutAt.isAfter(frame.heartbeatAt));
        String error = timedOut ? ErrorNames.TIMEOUT : ErrorNames.HEARTBEAT_TIMEOUT;
        String cause = timedOut
                ? "The task did not complete within TimeoutSeconds"
                : "The task sent no heartbeat within HeartbeatSeconds";
        frame.token = null;
        event("TaskTimedOut", frame.state, errorDetails(error, cause));
        handleError(frame, state, error, cause);
    }

    private void resolved(Frame frame, JsonNode state) {
        if (frame.pendingError != null) {
            String error = frame.pendingError;
            String cause = frame.pendingCause;
            event("TaskFailed", frame.state, errorDetails(error, cause));
            handleError(frame, state, error, cause);
        } else {
            JsonNode result = frame.pendingResult;
            event("TaskSucceeded", frame.state, details("output", result));
            complete(frame, state, result);
        }
    }

    private void waitState(Frame frame, JsonNode state) {
        JsonNode effective = inputPath(state, frame.input);
        Instant until;
        if (state.has("Seconds")) {
            until = frame.enteredTime.plusSeconds(state.get("Seconds").asLong());
        } else if (state.has("Timestamp")) {
            until = Timestamps.parse(state.get("Timestamp").asText()).orElseThrow();
        } else if (state.has("SecondsPath")) {
            JsonNode value = read(state.get("SecondsPath").asText(), effective, frame, "SecondsPath");
            if (!value.isIntegralNumber() || value.asLong() < 0) {
                throw new StatesError(
                        ErrorNames.RUNTIME, "SecondsPath must select a non-negative integer, got " + value);
            }
            until = frame.enteredTime.plusSeconds(value.asLong());
        } else {
            JsonNode value = read(state.get("TimestampPath").asText(), effective, frame, "TimestampPath");
            until = Timestamps.parse(value.asText(null))
                    .orElseThrow(() -> new StatesError(
                            ErrorNames.RUNTIME, "TimestampPath must select an RFC 3339 timestamp, got " + value));
        }
        frame.effectiveInput = effective;
        frame.dueAt = until;
        frame.phase = Frame.Phase.WAITING;
    }

    private void choice(Frame frame, JsonNode state) {
        JsonNode effective = inputPath(state, frame.input);
        JsonNode context = context(frame);
        String next = null;
        for (JsonNode rule : state.path("Choices")) {
            if (ChoiceRuleEvaluator.matches(rule, effective, context)) {
                next = rule.get("Next").asText();
                break;
            }
        }
        if (next == null) {
            if (!state.has("Default")) {
                throw new StatesError(
                        ErrorNames.NO_CHOICE_MATCHED,
                        "No Matches! Choice state '" + frame.state + "' has no rule matching its input and no Default");
            }
            next = state.get("Default").asText();
        }
        exit(frame, state, outputPath(state, effective), next);
    }

    private void failState(Frame frame, JsonNode state) {
        String error = state.has("ErrorPath")
                ? Json.plainText(read(state.get("ErrorPath").asText(), frame.input, frame, "ErrorPath"))
                : state.path("Error").asText(null);
        String cause = state.has("CausePath")
                ? Json.plainText(read(state.get("CausePath").asText(), frame.input, frame, "CausePath"))
                : state.path("Cause").asText(null);
        frameFailed(frame, error, cause);
    }

    private void parallel(Frame frame, JsonNode state) {
        JsonNode effective = parameters(state, inputPath(state, frame.input), frame);
        JsonNode branches = state.get("Branches");
        frame.effectiveInput = effective;
        frame.results = Json.NODES.arrayNode();
        for (int i = 0; i < branches.size(); i++) {
            frame.results.addNull();
        }
        frame.phase = Frame.Phase.AWAITING_CHILDREN;
        event("ParallelStateStarted", frame.state, null);
        for (int i = 0; i < branches.size(); i++) {
            String scope = frame.scope + "/States/" + AslValidator.escape(frame.state) + "/Branches/" + i;
            spawn(frame, i, scope, effective, null, null);
        }
        frame.running = branches.size();
    }

    private void map(Frame frame, JsonNode state) {
        JsonNode effective = inputPath(state, frame.input);
        if (state.has("ItemReader")) {
            throw new StatesError(ErrorNames.ITEM_READER_FAILED, "ItemReader is not supported by the local executor");
        }
        String itemsPath = state.path("ItemsPath").asText("$");
        JsonNode items = PathEvaluator.read(itemsPath, effective, context(frame))
                .orElseThrow(() -> new StatesError(
                        ErrorNames.RUNTIME,
                        "Invalid path '" + itemsPath + "': the Map state's ItemsPath selects nothing"));
        if (!items.isArray()) {
            throw new StatesError(
                    ErrorNames.RUNTIME,
                    "Invalid path '" + itemsPath + "': the Map state's ItemsPath must select an array, got " + items);
        }
        int max = state.path("MaxConcurrency").asInt(0);
        if (state.has("MaxConcurrencyPath")) {
            JsonNode value = read(state.get("MaxConcurrencyPath").asText(), effective, frame, "MaxConcurrencyPath");
            if (!value.isIntegralNumber() || value.intValue() < 0) {
                throw new StatesError(ErrorNames.RUNTIME, "MaxConcurrencyPath must select a non-negative integer");
            }
            max = value.intValue();
        }
        frame.effectiveInput = effective;
        frame.items = (ArrayNode) items.deepCopy();
        frame.results = Json.NODES.arrayNode();
        items.forEach(i -> frame.results.addNull());
        frame.maxConcurrency = max;
        frame.nextItem = 0;
        frame.running = 0;
        event("MapStateStarted", frame.state, details("length", Json.NODES.numberNode(items.size())));
        if (items.isEmpty()) {
            frame.phase = Frame.Phase.CHILDREN_DONE;
            return;
        }
        frame.phase = Frame.Phase.AWAITING_CHILDREN;
        spawnMapItems(frame, state);
    }

    private void spawnMapItems(Frame frame, JsonNode state) {
        String body = state.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        String scope = frame.scope + "/States/" + AslValidator.escape(frame.state) + "/" + body;
        JsonNode selector = state.has("ItemSelector") ? state.get("ItemSelector") : state.get("Parameters");
        while (frame.nextItem < frame.items.size()
                && (frame.maxConcurrency == 0 || frame.running < frame.maxConcurrency)) {
            int index = frame.nextItem++;
            JsonNode value = frame.items.get(index);
            JsonNode input = value;
            if (selector != null) {
                ObjectNode context = context(frame);
                ObjectNode item = context.putObject("Map").putObject("Item");
                item.put("Index", index);
                item.set("Value", value);
                input = templates.expand(selector, frame.effectiveInput, context);
            }
            frame.running++;
            event("MapIterationStarted", frame.state, details("index", Json.NODES.numberNode(index)));
            spawn(frame, index, scope, input, index, value);
        }
    }

    private void spawn(Frame parent, int slot, String scope, JsonNode input, Integer mapIndex, JsonNode mapValue) {
        Frame child = new Frame();
        child.id = exec.nextFrameId++;
        child.parentId = parent.id;
        child.slot = slot;
        child.scope = scope;
        child.mapIndex = mapIndex;
        child.mapValue = mapValue;
        child.moveTo(definition.scope(scope).path("StartAt").asText(), input);
        exec.frames.put(child.id, child);
    }

    // ---- completion, transitions, errors ----

    /** Applies ResultSelector, ResultPath and OutputPath to a state's result and leaves the state. */
    private void complete(Frame frame, JsonNode state, JsonNode result) {
        JsonNode selected = state.has("ResultSelector")
                ? templates.expand(state.get("ResultSelector"), result, context(frame))
                : result;
        JsonNode combined = resultPath(state.get("ResultPath"), state.has("ResultPath"), frame.input, selected);
        exit(frame, state, outputPath(state, combined), null);
    }

    private void exit(Frame frame, JsonNode state, JsonNode output, String explicitNext) {
        String type = state.path("Type").asText();
        int size = Json.write(output).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > MAX_PAYLOAD_BYTES) {
            throw new StatesError(
                    ErrorNames.DATA_LIMIT_EXCEEDED,
                    "The state/task '" + frame.state + "' returned a result " + "of " + size
                            + " bytes, more than the maximum " + MAX_PAYLOAD_BYTES + " bytes");
        }
        event(type + "StateExited", frame.state, details("output", output));
        String next = explicitNext != null ? explicitNext : state.path("Next").asText(null);
        if (next == null || type.equals("Succeed")) {
            frameSucceeded(frame, output);
        } else {
            frame.moveTo(next, output);
        }
    }

    private void handleError(Frame frame, JsonNode state, String error, String cause) {
        if (ErrorNames.TERMINAL.contains(error)) {
            finish(ExecutionStatus.FAILED, null, error, cause, "ExecutionFailed");
            return;
        }
        cancelChildren(frame);
        JsonNode retriers = state.path("Retry");
        for (int i = 0; i < retriers.size(); i++) {
            JsonNode retrier = retriers.get(i);
            if (ErrorMatcher.matches(retrier.path("ErrorEquals"), error)) {
                int used = frame.retryCounts.getOrDefault(i, 0);
                if (used < RetryPolicy.maxAttempts(retrier)) {
                    Duration delay = RetryPolicy.delay(retrier, used, random);
                    frame.retryCounts.put(i, used + 1);
                    frame.attempt++;
                    frame.clearWork();
                    frame.dueAt = clock.instant().plus(delay);
                    frame.phase = Frame.Phase.RETRY_BACKOFF;
                    return;
                }
                break;
            }
        }
        for (JsonNode catcher : state.path("Catch")) {
            if (ErrorMatcher.matches(catcher.path("ErrorEquals"), error)) {
                // a failure that did not reach a Task (a Parameters path, a ResultSelector) records no TaskFailed:
                // say here which state failed and why (execution and state names, error name and cause: ids only).
                // A Catch that names its error (States.Timeout of "wait for the event, or act", a journey's own
                // signal) is a designed branch, not a failure: only the catch-all's are warnings.
                String next = catcher.get("Next").asText();
                boolean catchAll = false;
                for (JsonNode name : catcher.path("ErrorEquals")) catchAll |= "States.ALL".equals(name.asText());
                LOG.log(
                        catchAll ? java.util.logging.Level.WARNING : java.util.logging.Level.FINE,
                        () -> "execution " + exec.name + ": state '" + frame.state + "' failed with " + error + " ("
                                + cause + "); caught, next '" + next + "'");
                ObjectNode errorOutput = Json.object();
                errorOutput.put("Error", error);
                errorOutput.put("Cause", cause);
                JsonNode output =
                        resultPath(catcher.get("ResultPath"), catcher.has("ResultPath"), frame.input, errorOutput);
                frame.clearWork();
                exit(frame, state, output, catcher.get("Next").asText());
                return;
            }
        }
        frameFailed(frame, error, cause);
    }

    private void frameSucceeded(Frame frame, JsonNode output) {
        exec.frames.remove(frame.id);
        if (frame.parentId == null) {
            finish(ExecutionStatus.SUCCEEDED, output, null, null, "ExecutionSucceeded");
            return;
        }
        Frame parent = exec.frames.get(frame.parentId);
        parent.results.set(frame.slot, output);
        parent.running--;
        JsonNode parentState = definition.state(parent.scope, parent.state);
        if (frame.mapIndex != null) {
            event("MapIterationSucceeded", parent.state, details("index", Json.NODES.numberNode(frame.mapIndex)));
            try {
                spawnMapItems(parent, parentState);
            } catch (StatesError e) {
                childFailed(parent, e.error(), e.errorCause());
                return;
            }
        }
        if (parent.running == 0 && (parent.items == null || parent.nextItem >= parent.items.size())) {
            parent.phase = Frame.Phase.CHILDREN_DONE;
        }
    }

    private void frameFailed(Frame frame, String error, String cause) {
        exec.frames.remove(frame.id);
        if (frame.parentId == null) {
            finish(ExecutionStatus.FAILED, null, error, cause, "ExecutionFailed");
            return;
        }
        Frame parent = exec.frames.get(frame.parentId);
        if (frame.mapIndex != null) {
            event("MapIterationFailed", parent.state, details("index", Json.NODES.numberNode(frame.mapIndex)));
        }
        childFailed(parent, error, cause);
    }

    private void childFailed(Frame parent, String error, String cause) {
        cancelChildren(parent);
        parent.pendingError = error;
        parent.pendingCause = cause;
        parent.phase = Frame.Phase.CHILD_FAILED;
    }

    private void cancelChildren(Frame parent) {
        List<Integer> doomed = new ArrayList<>();
        collectDescendants(parent.id, doomed);
        doomed.forEach(exec.frames::remove);
    }

    private void collectDescendants(int parentId, List<Integer> into) {
        for (Frame f : exec.frames.values()) {
            if (f.parentId != null && f.parentId == parentId) {
                into.add(f.id);
                collectDescendants(f.id, into);
            }
        }
    }

    private void finish(ExecutionStatus status, JsonNode output, String error, String cause, String eventType) {
        exec.status = status;
        exec.output = output;
        exec.error = error;
        exec.cause = cause;
        exec.stopDate = clock.instant();
        exec.frames.clear();
        event(
                eventType,
                null,
                status == ExecutionStatus.SUCCEEDED ? details("output", output) : errorDetails(error, cause));
    }

    // ---- input/output processing ----

    private JsonNode inputPath(JsonNode state, JsonNode raw) {
        return selectPath(state, "InputPath", raw);
    }

    private JsonNode outputPath(JsonNode state, JsonNode value) {
        return selectPath(state, "OutputPath", value);
    }

    private JsonNode selectPath(JsonNode state, String field, JsonNode value) {
        if (!state.has(field)) {
            return value;
        }
        JsonNode path = state.get(field);
        if (path.isNull()) {
            return Json.object();
        }
        return PathEvaluator.read(path.asText(), value, null)
                .orElseThrow(() -> new StatesError(
                        ErrorNames.RUNTIME,
                        "Invalid path '" + path.asText() + "' : No results for path: " + field + " on "
                                + Json.write(value)));
    }

    private JsonNode parameters(JsonNode state, JsonNode effective, Frame frame) {
        return state.has("Parameters")
                ? templates.expand(state.get("Parameters"), effective, context(frame))
                : effective;
    }

    private static JsonNode resultPath(JsonNode resultPath, boolean given, JsonNode raw, JsonNode result) {
        if (!given) {
            return result;
        }
        if (resultPath.isNull()) {
            return raw;
        }
        return PathEvaluator.write(raw, resultPath.asText(), result);
    }

    private JsonNode read(String path, JsonNode input, Frame frame, String field) {
        return PathEvaluator.read(path, input, context(frame))
                .orElseThrow(() -> new StatesError(
                        ErrorNames.RUNTIME, "Invalid path '" + path + "' for " + field + ": it selects nothing"));
    }

    private Integer seconds(JsonNode state, String field, JsonNode effective) {
        if (state.has(field)) {
            return state.get(field).asInt();
        }
        if (state.has(field + "Path")) {
            JsonNode value = PathEvaluator.read(state.get(field + "Path").asText(), effective, null)
                    .orElseThrow(() -> new StatesError(ErrorNames.RUNTIME, field + "Path selects nothing"));
            if (!value.isIntegralNumber() || value.asLong() <= 0 || !value.canConvertToInt()) {
                throw new StatesError(ErrorNames.RUNTIME, field + "Path must select a positive integer, got " + value);
            }
            return value.intValue();
        }
        return null;
    }

    ObjectNode context(Frame frame) {
        ObjectNode context = Json.object();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", exec.arn);
        execution.put("Name", exec.name);
        execution.set("Input", exec.input);
        execution.put("StartTime", exec.startDate.toString());
        execution.put("RoleArn", "arn:aws:iam::" + Arns.account(exec.stateMachineArn) + ":role/local-sfn");
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", exec.stateMachineArn);
        machine.put("Name", Arns.resourceName(exec.stateMachineArn));
        ObjectNode stateNode = context.putObject("State");
        stateNode.put("Name", frame.state);
        stateNode.put(
                "EnteredTime", frame.enteredTime == null ? clock.instant().toString() : frame.enteredTime.toString());
        stateNode.put("RetryCount", frame.attempt);
        if (frame.token != null) {
            context.putObject("Task").put("Token", frame.token);
        }
        if (frame.mapIndex != null) {
            ObjectNode item = context.putObject("Map").putObject("Item");
            item.put("Index", frame.mapIndex);
            item.set("Value", frame.mapValue);
        }
        return context;
    }

    // ---- history ----

    private void event(String type, String stateName, JsonNode details) {
        exec.history.add(HistoryEvent.of(exec.history.size() + 1, type, clock.instant(), stateName, details));
    }

    private static ObjectNode details(String field, JsonNode value) {
        ObjectNode node = Json.object();
        node.set(field, value);
        return node;
    }

    private static ObjectNode errorDetails(String error, String cause) {
        ObjectNode node = Json.object();
        node.put("error", error);
        node.put("cause", cause);
        return node;
    }
}
