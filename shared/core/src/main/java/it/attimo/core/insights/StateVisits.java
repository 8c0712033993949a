package it.attimo.core.insights;

import it.attimo.core.insights.JourneyExecution.StateEvent;
import it.attimo.core.insights.JourneyExecution.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An execution's history read as visits to the top-level states of its ASL graph (states inside Parallel branches are
 * the Parallel state's time). Every visit has exactly one outcome:
 *
 * <ul>
 *   <li>{@link Outcome#WAITING}: the execution is still in the state;
 *   <li>{@link Outcome#COMPLETED}: it left the state normally (a {@code StateExited}), and, when the execution ended
 *       there, that state is the ASL's normal end (the last state of the main line);
 *   <li>{@link Outcome#EXITED_EARLY}: the state was left through a Catch of the journey's own signal (onboarding's
 *       {@code Onboarding} when the customer finished: {@code Attimo.OnboardingFinished}), or the execution ended in
 *       this state without failing, elsewhere than the normal end: a success state off the main line (e.g.
 *       onboarding's {@code Finished}) or a stop (StopExecution: erasure, arbitration);
 *   <li>{@link Outcome#FAILED}: the state raised an error (left through one of its {@code Catch} edges, without a
 *       {@code StateExited}), or the execution failed or timed out in it (a {@code Fail} state included).
 * </ul>
 */
final class StateVisits {
    enum Outcome {
        WAITING,
        COMPLETED,
        EXITED_EARLY,
        FAILED
    }

    /** A visit; {@code next} is the state entered after it through an edge of the graph, or null. */
    record Visit(String state, Instant entered, Instant left, Outcome outcome, String next) {
        Long seconds() {
            return left == null ? null : Math.max(0, left.getEpochSecond() - entered.getEpochSecond());
        }
    }

    private StateVisits() {}

    static List<Visit> of(AslGraph graph, JourneyExecution execution) {
        List<Visit> visits = new ArrayList<>();
        String state = null;
        Instant entered = null;
        Instant exited = null;
        for (StateEvent e : execution.events()) {
            if (graph.state(e.state()).isEmpty()) continue;
            if (e.entered()) {
                if (state != null) {
                    boolean edge = exited != null
                            ? graph.successors(state).contains(e.state())
                            : graph.catchTargets(state).contains(e.state());
                    Outcome outcome = exited != null
                            ? Outcome.COMPLETED
                            : graph.signal(state, e.state()) ? Outcome.EXITED_EARLY : Outcome.FAILED;
                    visits.add(new Visit(
                            state, entered, exited != null ? exited : e.at(), outcome, edge ? e.state() : null));
                }
                state = e.state();
                entered = e.at();
                exited = null;
            } else if (e.state().equals(state) && exited == null) {
                exited = e.at();
            }
        }
        if (state != null) visits.add(last(graph, execution, state, entered, exited));
        return visits;
    }

    private static Visit last(
            AslGraph graph, JourneyExecution execution, String state, Instant entered, Instant exited) {
        Status status = execution.status();
        if (exited != null) {
            Outcome outcome = status == Status.SUCCEEDED && !state.equals(graph.normalEnd())
                    ? Outcome.EXITED_EARLY
                    : Outcome.COMPLETED;
            return new Visit(state, entered, exited, outcome, null);
        }
        return switch (status) {
            case RUNNING -> new Visit(state, entered, null, Outcome.WAITING, null);
            case FAILED, TIMED_OUT -> new Visit(state, entered, execution.stoppedAt(), Outcome.FAILED, null);
            case ABORTED -> new Visit(state, entered, execution.stoppedAt(), Outcome.EXITED_EARLY, null);
            case SUCCEEDED ->
                new Visit(
                        state,
                        entered,
                        execution.stoppedAt(),
                        state.equals(graph.normalEnd()) ? Outcome.COMPLETED : Outcome.EXITED_EARLY,
                        null);
        };
    }
}
