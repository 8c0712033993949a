package it.attimo.core.testing;

import it.attimo.core.experiment.ExperimentAssignment;
import it.attimo.core.experiment.ExperimentDecision;
import it.attimo.core.port.ExperimentStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Assignments keyed by experiment and customer, decisions by experiment; both written once. */
public class InMemoryExperimentStore implements ExperimentStore {
    private final Map<String, ExperimentAssignment> assignments = new LinkedHashMap<>();
    private final Map<String, ExperimentDecision> decisions = new LinkedHashMap<>();

    @Override
    public synchronized Optional<ExperimentAssignment> assignment(String experimentId, String customerId) {
        return Optional.ofNullable(assignments.get(experimentId + "#" + customerId));
    }

    @Override
    public synchronized boolean assign(ExperimentAssignment a) {
        return assignments.putIfAbsent(a.experimentId() + "#" + a.customerId(), a) == null;
    }

    @Override
    public synchronized List<ExperimentAssignment> assignments(String experimentId) {
        return new ArrayList<>(assignments.values().stream()
                .filter(a -> a.experimentId().equals(experimentId))
                .toList());
    }

    @Override
    public synchronized Optional<ExperimentDecision> decision(String experimentId) {
        return Optional.ofNullable(decisions.get(experimentId));
    }

    @Override
    public synchronized boolean decide(ExperimentDecision decision) {
        return decisions.putIfAbsent(decision.experimentId(), decision) == null;
    }

    @Override
    public synchronized void erase(String customerId) {
        assignments.values().removeIf(a -> a.customerId().equals(customerId));
    }
}
