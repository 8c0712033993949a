package it.attimo.core.experiment;

import java.util.List;
import java.util.Optional;

/**
 * An experiment as experiments.json declares it: which plan step of which journey it times ({@code journey},
 * {@code step}), or which touchpoint's variants it tests ({@code touchpoint}; then journey and step are null and the
 * arms are the touchpoint's variants), its arms (the first is the control), the metric, the fixed-horizon stop rule
 * (every arm at {@code minimumSample} customers whose window has closed, then p &lt; {@code alpha}) and whether a
 * declared winner is given to new customers.
 */
public record Experiment(
        String id,
        String journey,
        String step,
        String touchpoint,
        List<ExperimentArm> arms,
        ExperimentMetric metric,
        int minimumSample,
        double alpha,
        boolean autoPromote) {
    public Experiment {
        arms = List.copyOf(arms);
    }

    public boolean covers(String journeyName, String stepName) {
        return journey != null && journey.equals(journeyName) && step.equals(stepName);
    }

    /** Whether this experiment tests a touchpoint's variants (not a journey step's timing). */
    public boolean onTouchpoint() {
        return touchpoint != null;
    }

    public ExperimentArm control() {
        return arms.get(0);
    }

    public Optional<ExperimentArm> arm(String name) {
        return arms.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The arm a point in [0, 1) falls into, the arms laid end to end by weight. */
    public ExperimentArm armAt(double point) {
        int total = arms.stream().mapToInt(ExperimentArm::weight).sum();
        double edge = 0;
        for (ExperimentArm a : arms) {
            edge += (double) a.weight() / total;
            if (point < edge) return a;
        }
        return arms.get(arms.size() - 1);
    }
}
