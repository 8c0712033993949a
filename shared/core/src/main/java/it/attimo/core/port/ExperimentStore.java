package it.attimo.core.port;

import it.attimo.core.experiment.ExperimentAssignment;
import it.attimo.core.experiment.ExperimentDecision;
import java.util.List;
import java.util.Optional;

/**
 * Experiment assignments (one per customer and experiment, written once) and decisions (one per experiment, written
 * once). Erasure removes a customer's assignments.
 */
public interface ExperimentStore {
    Optional<ExperimentAssignment> assignment(String experimentId, String customerId);

    /** @return true if recorded; false if the customer already had an assignment in this experiment */
    boolean assign(ExperimentAssignment assignment);

    /** Every assignment of the experiment, promoted ones included. */
    List<ExperimentAssignment> assignments(String experimentId);

    Optional<ExperimentDecision> decision(String experimentId);

    /** @return true if recorded; false if the experiment was already decided (the first decision stands) */
    boolean decide(ExperimentDecision decision);

    void erase(String customerId);
}
