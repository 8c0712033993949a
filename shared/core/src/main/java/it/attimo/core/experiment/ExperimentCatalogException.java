package it.attimo.core.experiment;

import it.attimo.core.scoring.PlanProblem;
import java.util.List;
import java.util.stream.Collectors;

/** experiments.json is unusable: every problem found, each naming the experiment and the field. */
public final class ExperimentCatalogException extends IllegalArgumentException {
    private final List<PlanProblem> problems;

    public ExperimentCatalogException(String source, List<PlanProblem> problems) {
        super(source + ": " + problems.size() + " problem(s): "
                + problems.stream()
                        .map(p -> (p.ruleId() == null ? "" : "experiment '" + p.ruleId() + "', ") + "field '"
                                + p.field() + "': " + p.reason())
                        .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<PlanProblem> problems() {
        return problems;
    }
}
