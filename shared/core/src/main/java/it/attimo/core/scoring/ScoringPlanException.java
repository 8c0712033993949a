package it.attimo.core.scoring;

import java.util.List;
import java.util.stream.Collectors;

/** A scoring plan failed validation; {@link #problems()} lists every problem found, not only the first. */
public final class ScoringPlanException extends RuntimeException {
    private final String sourceName;
    private final List<PlanProblem> problems;

    public ScoringPlanException(String sourceName, List<PlanProblem> problems) {
        super("invalid scoring plan " + sourceName + " (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  "
                + problems.stream().map(PlanProblem::toString).collect(Collectors.joining("\n  ")));
        this.sourceName = sourceName;
        this.problems = List.copyOf(problems);
    }

    public String sourceName() {
        return sourceName;
    }

    public List<PlanProblem> problems() {
        return problems;
    }
}
