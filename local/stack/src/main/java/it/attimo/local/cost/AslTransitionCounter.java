package it.attimo.local.cost;

import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.local.cost.ExecutionPath.LambdaTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Counts what one execution of an Amazon States Language definition costs in Step Functions Standard: the state
 * transitions (every state entered counts one, Choice, Wait, Pass, Succeed and Fail included, and so do the states of
 * Parallel branches and Map iterations) and the Task states on the way, the Lambda invocations among them.
 *
 * <p>Which path. {@link #longest} is the longest path that does not fail: the upper bound of a run that goes well.
 * At a Choice every branch is tried; a Parallel runs all its branches; a Map runs its processor {@code mapItems}
 * times. A Catch is followed only when it is an expected outcome, not an error handler: a {@code .waitForTaskToken}
 * task timing out ({@code States.Timeout}: the awaited event never came) or a Parallel/Map stopped by one of the
 * definition's own Fail states that it catches by name (how a journey ends every branch at once). Such a Fail state
 * ends its branch normally; any other Fail state, and a Catch of {@code States.ALL} or of Lambda errors, leaves the
 * path. Retries are not counted (a retry is one more transition, on a path that went wrong). A state may be entered
 * at most {@code loopPasses} times on one path, which bounds loops. {@link #shortest} is the same walk for the
 * fewest transitions (each branch of a Parallel on its own shortest path).
 *
 * <p>Pure (no I/O) and thread-safe: each call searches with its own state.
 */
public final class AslTransitionCounter {
    /** How the output names the path {@link #longest} counts. */
    public static final String LONGEST_PATH = "longest non-failing path";

    private static final int MAX_STEPS = 5_000_000;
    private static final Pattern LAMBDA_INVOKE =
            Pattern.compile("arn:[^:]+:states:::lambda:invoke(\\.waitForTaskToken)?");
    private static final Pattern FUNCTION_RESOURCE = Pattern.compile("arn:[^:]+:lambda:.+|\\$\\{[^}]+}");
    private static final Set<String> TIMEOUTS = Set.of("States.Timeout", "States.HeartbeatTimeout");

    private final int loopPasses;
    private final int mapItems;

    /**
     * @param loopPasses how many times a path may enter the same state (1: no loop is taken again)
     * @param mapItems how many items a Map state iterates over
     */
    public AslTransitionCounter(int loopPasses, int mapItems) {
        if (loopPasses < 1) throw new IllegalArgumentException("loopPasses must be at least 1, got " + loopPasses);
        if (mapItems < 1) throw new IllegalArgumentException("mapItems must be at least 1, got " + mapItems);
        this.loopPasses = loopPasses;
        this.mapItems = mapItems;
    }

    /** @throws IllegalArgumentException if the definition is malformed or no path ends well */
    public ExecutionPath longest(JsonNode definition) {
        return new Search(definition, true).run();
    }

    /** @throws IllegalArgumentException if the definition is malformed or no path ends well */
    public ExecutionPath shortest(JsonNode definition) {
        return new Search(definition, false).run();
    }

    private final class Search {
        private final JsonNode definition;
        private final Comparator<ExecutionPath> better;
        /** Errors the definition's own Fail states raise: only these can be an expected way out of a branch. */
        private final Set<String> ownErrors = new HashSet<>();

        private int steps;

        Search(JsonNode definition, boolean longest) {
            this.definition = definition;
            Comparator<ExecutionPath> byLength = Comparator.comparingInt(ExecutionPath::transitions)
                    .thenComparingInt(ExecutionPath::lambdaInvocations);
            // the best path is the max of this order: the longest, or with the order reversed the shortest
            this.better = longest ? byLength : byLength.reversed();
            collectFailErrors(definition);
        }

        ExecutionPath run() {
            ExecutionPath path = machine(definition, Set.of(), "the definition");
            if (path == null) throw new IllegalArgumentException("no path from StartAt ends without failing");
            return path;
        }

        /** The best path through one state machine (the top level, a branch or a Map processor), or null. */
        private ExecutionPath machine(JsonNode machine, Set<String> endErrors, String where) {
            JsonNode states = machine.path("States");
            String start = machine.path("StartAt").asText(null);
            if (start == null || !states.has(start)) {
                throw new IllegalArgumentException(where + ": StartAt names no state of its States");
            }
            return from(states, start, new HashMap<>(), endErrors);
        }

        private ExecutionPath from(JsonNode states, String name, Map<String, Integer> visits, Set<String> endErrors) {
            if (++steps > MAX_STEPS) {
                throw new IllegalArgumentException("too many paths to compare (over " + MAX_STEPS + " steps)");
            }
            JsonNode state = states.get(name);
            if (state == null) throw new IllegalArgumentException("no state named '" + name + "'");
            int seen = visits.getOrDefault(name, 0);
            if (seen >= loopPasses) return null;
            visits.put(name, seen + 1);
            try {
                ExecutionPath self = self(name, state, endErrors);
                if (self == null) return null;
                List<ExecutionPath> rests = new ArrayList<>();
                switch (state.path("Type").asText()) {
                    case "Succeed" -> rests.add(ExecutionPath.EMPTY);
                    case "Fail" -> {
                        if (endErrors.contains(state.path("Error").asText())) rests.add(ExecutionPath.EMPTY);
                    }
                    case "Choice" -> {
                        for (JsonNode choice : state.path("Choices")) {
                            rests.add(from(states, next(name, choice), visits, endErrors));
                        }
                        if (state.hasNonNull("Default")) {
                            rests.add(from(states, state.path("Default").asText(), visits, endErrors));
                        }
                    }
                    default -> {
                        if (state.path("End").asBoolean(false)) rests.add(ExecutionPath.EMPTY);
                        else rests.add(from(states, next(name, state), visits, endErrors));
                        for (JsonNode c : expectedCatches(state)) {
                            rests.add(from(states, next(name, c), visits, endErrors));
                        }
                    }
                }
                return rests.stream()
                        .filter(Objects::nonNull)
                        .max(better)
                        .map(self::then)
                        .orElse(null);
            } finally {
                visits.put(name, seen);
            }
        }

        /** The state's own share of the path: its transition, and the whole of its branches or iterations. */
        private ExecutionPath self(String name, JsonNode state, Set<String> endErrors) {
            String type = state.path("Type").asText();
            ExecutionPath one = new ExecutionPath(1, type.equals("Wait") ? 1 : 0, List.of(), 0, List.of(name));
            switch (type) {
                case "Task" -> {
                    LambdaTask task = lambdaTask(name, state);
                    return task == null
                            ? new ExecutionPath(1, 0, List.of(), 1, List.of(name))
                            : new ExecutionPath(1, 0, List.of(task), 0, List.of(name));
                }
                case "Parallel" -> {
                    Set<String> inner = withCaughtErrors(state, endErrors);
                    ExecutionPath out = one;
                    int i = 0;
                    for (JsonNode branch : state.path("Branches")) {
                        ExecutionPath b = machine(branch, inner, name + " branch " + i++);
                        if (b == null) return null;
                        out = out.then(b);
                    }
                    return out;
                }
                case "Map" -> {
                    JsonNode processor =
                            state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
                    if (processor == null) throw new IllegalArgumentException(name + ": a Map needs an ItemProcessor");
                    ExecutionPath item = machine(processor, withCaughtErrors(state, endErrors), name);
                    return item == null ? null : one.then(item.times(mapItems));
                }
                case "Pass", "Choice", "Wait", "Succeed", "Fail" -> {
                    return one;
                }
                default -> throw new IllegalArgumentException(name + ": unknown state Type '" + type + "'");
            }
        }

        /** The catches that are expected outcomes (see the class comment), not error handling. */
        private List<JsonNode> expectedCatches(JsonNode state) {
            String type = state.path("Type").asText();
            boolean waitsForToken = state.path("Resource").asText("").endsWith(".waitForTaskToken");
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode c : state.path("Catch")) {
                boolean expected = c.path("ErrorEquals").size() > 0;
                for (JsonNode error : c.path("ErrorEquals")) {
                    String e = error.asText();
                    boolean timeout = waitsForToken && TIMEOUTS.contains(e);
                    boolean ownEnd = (type.equals("Parallel") || type.equals("Map")) && ownErrors.contains(e);
                    expected &= timeout || ownEnd;
                }
                if (expected) out.add(c);
            }
            return out;
        }

        private Set<String> withCaughtErrors(JsonNode state, Set<String> endErrors) {
            Set<String> out = new HashSet<>(endErrors);
            for (JsonNode c : expectedCatches(state)) {
                for (JsonNode error : c.path("ErrorEquals")) {
                    if (ownErrors.contains(error.asText())) out.add(error.asText());
                }
            }
            return out;
        }

        private void collectFailErrors(JsonNode node) {
            if (node.isObject()) {
                if ("Fail".equals(node.path("Type").asText())
                        && node.path("Error").isTextual()) {
                    ownErrors.add(node.path("Error").asText());
                }
                node.forEach(this::collectFailErrors);
            } else if (node.isArray()) {
                node.forEach(this::collectFailErrors);
            }
        }
    }

    private static String next(String name, JsonNode holder) {
        JsonNode next = holder.path("Next");
        if (!next.isTextual()) throw new IllegalArgumentException(name + ": a transition without Next");
        return next.asText();
    }

    /** The Lambda invocation of a Task state, or null when the Task calls another service. */
    static LambdaTask lambdaTask(String name, JsonNode state) {
        String resource = state.path("Resource").asText("");
        JsonNode params = state.has("Parameters") ? state.path("Parameters") : state.path("Arguments");
        String function;
        if (LAMBDA_INVOKE.matcher(resource).matches()) {
            JsonNode fn = params.has("FunctionName") ? params.path("FunctionName") : params.path("FunctionName.$");
            function = fn.asText("?");
        } else if (FUNCTION_RESOURCE.matcher(resource).matches()) {
            function = resource;
        } else {
            return null;
        }
        JsonNode payload = params.has("Payload") ? params.path("Payload") : params;
        List<String> alsoDoes = new ArrayList<>();
        if (payload.path("next").isObject()) alsoDoes.add("plan");
        if (payload.path("milestonesOf").isTextual()) alsoDoes.add("progress");
        return new LambdaTask(
                name,
                function,
                payload.path("action").isTextual() ? payload.path("action").asText() : null,
                payload.path("channel").isTextual() ? payload.path("channel").asText() : null,
                resource.endsWith(".waitForTaskToken"),
                alsoDoes);
    }
}
