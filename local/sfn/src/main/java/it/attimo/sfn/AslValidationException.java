package it.attimo.sfn;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link AslParser#parse} when a definition is invalid; carries every problem found. */
public final class AslValidationException extends RuntimeException {
    private final List<AslProblem> problems;

    public AslValidationException(List<AslProblem> problems) {
        super("invalid state machine definition:\n  "
                + problems.stream().map(AslProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<AslProblem> problems() {
        return problems;
    }
}
