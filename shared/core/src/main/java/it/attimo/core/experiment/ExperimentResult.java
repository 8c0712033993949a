package it.attimo.core.experiment;

import java.util.List;

/**
 * An experiment's numbers at one instant: per arm (customers exposed, converted, rate), the comparison of the best
 * other arm with the control (lift, two-sided p-value), and, when the stop rule is met by this reading and nothing was
 * decided before, the decision it makes ({@code reading}).
 */
public record ExperimentResult(
        Experiment experiment, List<ArmResult> arms, Double lift, Double pValue, ExperimentDecision reading) {

    /** {@code rate} is null for an arm nobody was exposed to yet. */
    public record ArmResult(String name, long assigned, long converted, Double rate) {}
}
