package it.attimo.aws.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.aws.testing.LocalDynamo;
import it.attimo.core.experiment.ExperimentAssignment;
import it.attimo.core.experiment.ExperimentDecision;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DynamoExperimentStoreIT {
    static final Instant AT = Instant.parse("2026-06-10T09:00:00Z");

    final LocalDynamo dynamo = LocalDynamo.shared();
    final DynamoExperimentStore store = new DynamoExperimentStore(dynamo.client(), dynamo.freshTables("experiments"));

    @Test
    void anAssignmentIsWrittenOnceAndReadBack() {
        assertThat(store.assignment("t", "c-1")).isEmpty();
        assertThat(store.assign(new ExperimentAssignment("t", "c-1", "tutorial-12h", false, AT)))
                .isTrue();
        assertThat(store.assign(new ExperimentAssignment("t", "c-1", "tutorial-24h", true, AT)))
                .isFalse();
        assertThat(store.assignment("t", "c-1"))
                .contains(new ExperimentAssignment("t", "c-1", "tutorial-12h", false, AT));
        assertThat(store.assign(new ExperimentAssignment("t", "c-2", "tutorial-24h", true, AT)))
                .isTrue();
        assertThat(store.assign(new ExperimentAssignment("other", "c-1", "a", false, AT)))
                .isTrue();

        assertThat(store.assignments("t"))
                .extracting(ExperimentAssignment::customerId, ExperimentAssignment::arm, ExperimentAssignment::promoted)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("c-1", "tutorial-12h", false),
                        org.assertj.core.groups.Tuple.tuple("c-2", "tutorial-24h", true));
    }

    @Test
    void theFirstDecisionStandsAndIsNotAnAssignment() {
        assertThat(store.decision("t")).isEmpty();
        ExperimentDecision first = new ExperimentDecision("t", ExperimentDecision.WINNER_DECLARED, "b", 0.0123, AT);
        assertThat(store.decide(first)).isTrue();
        assertThat(store.decide(new ExperimentDecision("t", ExperimentDecision.NO_DIFFERENCE, null, 0.5, AT)))
                .isFalse();
        assertThat(store.decision("t")).contains(first);
        assertThat(store.assignments("t")).isEmpty();
        ExperimentDecision none = new ExperimentDecision("u", ExperimentDecision.NO_DIFFERENCE, null, 0.5, AT);
        store.decide(none);
        assertThat(store.decision("u")).contains(none);
    }

    @Test
    void erasureRemovesEveryAssignmentOfTheCustomerOnly() {
        store.assign(new ExperimentAssignment("t", "c-1", "a", false, AT));
        store.assign(new ExperimentAssignment("u", "c-1", "a", false, AT));
        store.assign(new ExperimentAssignment("t", "c-2", "b", false, AT));
        store.decide(new ExperimentDecision("t", ExperimentDecision.WINNER_DECLARED, "b", 0.01, AT));
        store.erase("c-1");
        assertThat(store.assignment("t", "c-1")).isEmpty();
        assertThat(store.assignment("u", "c-1")).isEmpty();
        assertThat(store.assignment("t", "c-2")).isPresent();
        assertThat(store.decision("t")).isPresent();
    }
}
