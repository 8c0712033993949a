package it.attimo.core.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The A/B test's arithmetic, pure. Rates are over every exposed customer. The comparison is the control (first arm)
 * against the other arm with the best rate (the only one with two arms): lift = rate(other) / rate(control) - 1, and
 * the two-sided two-proportion z-test's p-value.
 *
 * <p>Stop rule, fixed horizon: the test is read once, when every arm has at least {@code minimumSample} customers
 * whose metric window has closed, on those customers only (a 24-hour arm would otherwise be read with less follow-up
 * than a 12-hour one). p &lt; alpha / (arms - 1) (Bonferroni over the comparisons with the control) declares the arm
 * with the higher rate the winner; otherwise the reading is {@code no-difference}.
 */
public final class ExperimentAnalysis {
    private ExperimentAnalysis() {}

    public static ExperimentResult analyse(Experiment experiment, List<Exposure> exposures, Instant now) {
        Comparison all = compare(experiment, exposures);
        List<Exposure> matured = exposures.stream()
                .filter(e -> e.matured(experiment.metric(), now))
                .toList();
        Comparison reading = compare(experiment, matured);
        ExperimentDecision decision = null;
        boolean horizonReached = reading.arms.stream().allMatch(a -> a.assigned() >= experiment.minimumSample());
        if (horizonReached && reading.pValue != null) {
            double threshold = experiment.alpha() / (experiment.arms().size() - 1);
            if (reading.pValue < threshold) {
                ExperimentResult.ArmResult c = reading.control;
                ExperimentResult.ArmResult t = reading.treatment;
                String winner = t.rate() > c.rate() ? t.name() : c.name();
                decision = new ExperimentDecision(
                        experiment.id(), ExperimentDecision.WINNER_DECLARED, winner, reading.pValue, now);
            } else {
                decision = new ExperimentDecision(
                        experiment.id(), ExperimentDecision.NO_DIFFERENCE, null, reading.pValue, now);
            }
        }
        return new ExperimentResult(experiment, all.arms, all.lift, all.pValue, decision);
    }

    private record Comparison(
            List<ExperimentResult.ArmResult> arms,
            ExperimentResult.ArmResult control,
            ExperimentResult.ArmResult treatment,
            Double lift,
            Double pValue) {}

    private static Comparison compare(Experiment experiment, List<Exposure> exposures) {
        List<ExperimentResult.ArmResult> arms = new ArrayList<>();
        for (ExperimentArm arm : experiment.arms()) {
            long n = 0;
            long converted = 0;
            for (Exposure e : exposures) {
                if (!e.arm().equals(arm.name())) continue;
                n++;
                if (e.converted()) converted++;
            }
            arms.add(new ExperimentResult.ArmResult(arm.name(), n, converted, n == 0 ? null : (double) converted / n));
        }
        ExperimentResult.ArmResult control = arms.get(0);
        ExperimentResult.ArmResult treatment = null;
        for (ExperimentResult.ArmResult a : arms.subList(1, arms.size())) {
            if (treatment == null || rate(a) > rate(treatment)) treatment = a;
        }
        Double lift = null;
        Double p = null;
        if (control.assigned() > 0 && treatment.assigned() > 0) {
            p = TwoProportionTest.pValue(
                    treatment.converted(), treatment.assigned(), control.converted(), control.assigned());
            if (control.converted() > 0) lift = treatment.rate() / control.rate() - 1;
        }
        return new Comparison(arms, control, treatment, lift, p);
    }

    private static double rate(ExperimentResult.ArmResult a) {
        return a.rate() == null ? -1 : a.rate();
    }
}
