package it.attimo.core.journey;

import it.attimo.core.scoring.PlanProblem;
import java.util.List;
import java.util.stream.Collectors;

/** journeys.json is unusable: every problem found, each naming the journey and the field. */
public final class JourneyCatalogException extends IllegalArgumentException {
    private final List<PlanProblem> problems;

    public JourneyCatalogException(String source, List<PlanProblem> problems) {
        super(source + ": " + problems.size() + " problem(s): "
                + problems.stream()
                        .map(p -> (p.ruleId() == null ? "" : "journey '" + p.ruleId() + "', ") + "field '" + p.field()
                                + "': " + p.reason())
                        .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<PlanProblem> problems() {
        return problems;
    }
}
