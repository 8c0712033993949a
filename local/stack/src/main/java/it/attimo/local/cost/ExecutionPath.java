package it.attimo.local.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One path through a state machine, as {@link AslTransitionCounter} counts it: the Step Functions Standard state
 * transitions it takes, its Wait states, and the Task states on it (the Lambda invocations among them).
 *
 * @param transitions every state entered, those inside Parallel branches and Map iterations included
 * @param waitStates Wait states entered (each is also a transition)
 * @param lambdaTasks the Task states that invoke a Lambda function, in path order (branches one after the other)
 * @param serviceTasks Task states that call another service directly (no Lambda invocation)
 * @param states the names of the states entered, in the same order
 */
public record ExecutionPath(
        int transitions, int waitStates, List<LambdaTask> lambdaTasks, int serviceTasks, List<String> states) {

    /**
     * A Task state that invokes Lambda.
     *
     * @param function {@code Parameters.FunctionName} of {@code lambda:invoke}, or the Resource itself when it is a
     *     function ARN; may hold a definition substitution such as {@code ${JourneyFunctionArn}}
     * @param action {@code Payload.action} (Attimo's journey function dispatches on it), null when absent
     * @param channel {@code Payload.channel}, null when absent
     * @param waitsForToken a {@code .waitForTaskToken} integration: the execution waits until the token comes back
     * @param alsoDoes the actions whose work this invocation does as well, in the same call: {@code plan} for a
     *     dispatch that plans the next send ({@code Payload.next}), {@code progress} for a milestone watch
     *     ({@code Payload.milestonesOf})
     */
    public record LambdaTask(
            String state,
            String function,
            String action,
            String channel,
            boolean waitsForToken,
            List<String> alsoDoes) {
        public LambdaTask {
            alsoDoes = alsoDoes == null ? List.of() : List.copyOf(alsoDoes);
        }

        /** A task that does its own action's work only. */
        public LambdaTask(String state, String function, String action, String channel, boolean waitsForToken) {
            this(state, function, action, channel, waitsForToken, List.of());
        }
    }

    static final ExecutionPath EMPTY = new ExecutionPath(0, 0, List.of(), 0, List.of());

    public ExecutionPath {
        lambdaTasks = List.copyOf(lambdaTasks);
        states = List.copyOf(states);
    }

    public int lambdaInvocations() {
        return lambdaTasks.size();
    }

    public int waitForTaskTokenTasks() {
        return (int) lambdaTasks.stream().filter(LambdaTask::waitsForToken).count();
    }

    /** Lambda tasks per {@code action} ({@code "-"} for a task without one), sorted by action. */
    public Map<String, Integer> lambdaTasksByAction() {
        Map<String, Integer> out = new TreeMap<>();
        for (LambdaTask t : lambdaTasks) out.merge(t.action() == null ? "-" : t.action(), 1, Integer::sum);
        return out;
    }

    /** How many tasks of the path also do another action's work ({@link LambdaTask#alsoDoes()}), by that action. */
    public Map<String, Integer> alsoDoneByAction() {
        Map<String, Integer> out = new TreeMap<>();
        for (LambdaTask t : lambdaTasks) for (String a : t.alsoDoes()) out.merge(a, 1, Integer::sum);
        return out;
    }

    ExecutionPath then(ExecutionPath next) {
        List<LambdaTask> tasks = new ArrayList<>(lambdaTasks);
        tasks.addAll(next.lambdaTasks);
        List<String> names = new ArrayList<>(states);
        names.addAll(next.states);
        return new ExecutionPath(
                transitions + next.transitions,
                waitStates + next.waitStates,
                tasks,
                serviceTasks + next.serviceTasks,
                names);
    }

    ExecutionPath times(int n) {
        ExecutionPath out = EMPTY;
        for (int i = 0; i < n; i++) out = out.then(this);
        return out;
    }
}
