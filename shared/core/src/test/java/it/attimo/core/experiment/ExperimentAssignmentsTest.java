package it.attimo.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.testing.InMemoryExperimentStore;
import it.attimo.core.testing.MutableClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentAssignmentsTest {
    final ExperimentCatalog catalog = ExperimentFixtures.tutorialTiming(100);
    final InMemoryExperimentStore store = new InMemoryExperimentStore();
    final MutableClock clock = MutableClock.at("2026-06-10T09:00:00Z");
    final ExperimentAssignments assignments = new ExperimentAssignments(catalog, store, clock);

    @Test
    void thePointIsAFixedFunctionOfExperimentAndCustomer() {
        double p = ExperimentAssignments.point("tutorial-timing", "c-1");
        assertThat(p).isBetween(0.0, 1.0).isNotEqualTo(1.0);
        assertThat(ExperimentAssignments.point("tutorial-timing", "c-1")).isEqualTo(p);
        assertThat(ExperimentAssignments.point("other-test", "c-1")).isNotEqualTo(p);
        assertThat(ExperimentAssignments.point("tutorial-timing", "c-2")).isNotEqualTo(p);
    }

    @Test
    void tenThousandCustomersSplitFiftyFiftyWithinABinomialTolerance() {
        Experiment e = catalog.all().get(0);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            counts.merge(e.armAt(ExperimentAssignments.point(e.id(), "c-" + i)).name(), 1, Integer::sum);
        }
        // sd of a fair split of 10,000 is 50: four sd either side
        assertThat(counts.get("tutorial-12h")).isBetween(4_800, 5_200);
        assertThat(counts.get("tutorial-24h")).isEqualTo(10_000 - counts.get("tutorial-12h"));
    }

    @Test
    void theFirstAssignmentIsRecordedAndKept() {
        var first = assignments.assign("post-purchase", "tutorial", "c-1").orElseThrow();
        assertThat(first.arm().name())
                .isEqualTo(first.experiment()
                        .armAt(ExperimentAssignments.point("tutorial-timing", "c-1"))
                        .name());
        assertThat(first.promoted()).isFalse();
        assertThat(first.toMap())
                .containsEntry("id", "tutorial-timing")
                .containsEntry("arm", first.arm().name());
        assertThat(store.assignment("tutorial-timing", "c-1"))
                .hasValueSatisfying(a -> assertThat(a.assignedAt()).isEqualTo(clock.instant()));

        // a new process (same store) gives the same arm, a read-only lookup too
        var again = new ExperimentAssignments(catalog, store, clock).assign("post-purchase", "tutorial", "c-1");
        assertThat(again).hasValueSatisfying(a -> assertThat(a.arm()).isEqualTo(first.arm()));
        assertThat(assignments.assigned("post-purchase", "tutorial", "c-1"))
                .hasValueSatisfying(a -> assertThat(a.arm()).isEqualTo(first.arm()));
        assertThat(store.assignments("tutorial-timing")).hasSize(1);
    }

    @Test
    void aStepWithoutExperimentIsLeftAlone() {
        assertThat(assignments.assign("post-purchase", "welcome", "c-1")).isEmpty();
        assertThat(assignments.assigned("post-purchase", "welcome", "c-1")).isEmpty();
        assertThat(assignments.labelled("post-purchase", "welcome", "c-1", Map.of("orderId", "o-1")))
                .isEqualTo(Map.of("orderId", "o-1"));
        assertThat(ExperimentAssignments.NONE.assign("post-purchase", "tutorial", "c-1"))
                .isEmpty();
        assertThat(store.assignments("tutorial-timing")).isEmpty();
    }

    @Test
    void theLabelAddsTheExperimentAndArmToTheContext() {
        assertThat(assignments.labelled("post-purchase", "tutorial", "c-1", Map.of("orderId", "o-1")))
                .as("nothing assigned yet: nothing to label")
                .isEqualTo(Map.of("orderId", "o-1"));
        var a = assignments.assign("post-purchase", "tutorial", "c-1").orElseThrow();
        assertThat(assignments.labelled("post-purchase", "tutorial", "c-1", Map.of("orderId", "o-1")))
                .containsEntry("orderId", "o-1")
                .containsEntry(ExperimentAssignments.CONTEXT_ID, "tutorial-timing")
                .containsEntry(ExperimentAssignments.CONTEXT_ARM, a.arm().name());
    }

    @Test
    void afterAWinnerNewCustomersGetItAndEarlierOnesKeepTheirArm() {
        // find a customer whose own arm is the 12 h one, assigned before the decision
        String early = customerWithArm("tutorial-12h");
        assertThat(assignments
                        .assign("post-purchase", "tutorial", early)
                        .orElseThrow()
                        .arm()
                        .name())
                .isEqualTo("tutorial-12h");
        store.decide(new ExperimentDecision(
                "tutorial-timing", ExperimentDecision.WINNER_DECLARED, "tutorial-24h", 0.001, clock.instant()));

        String late = customerWithArm("tutorial-12h", early);
        var promoted = assignments.assign("post-purchase", "tutorial", late).orElseThrow();
        assertThat(promoted.arm().name()).isEqualTo("tutorial-24h");
        assertThat(promoted.promoted()).isTrue();
        assertThat(promoted.toMap()).containsEntry("promoted", true);
        assertThat(store.assignment("tutorial-timing", late))
                .hasValueSatisfying(a -> assertThat(a.promoted()).isTrue());
        assertThat(assignments
                        .assign("post-purchase", "tutorial", early)
                        .orElseThrow()
                        .arm()
                        .name())
                .isEqualTo("tutorial-12h");
    }

    @Test
    void noDifferenceOrNoAutoPromoteKeepsTheSplit() {
        store.decide(new ExperimentDecision(
                "tutorial-timing", ExperimentDecision.NO_DIFFERENCE, null, 0.4, clock.instant()));
        String c = customerWithArm("tutorial-12h");
        var a = assignments.assign("post-purchase", "tutorial", c).orElseThrow();
        assertThat(a.arm().name()).isEqualTo("tutorial-12h");
        assertThat(a.promoted()).isFalse();
    }

    @Test
    void aConcurrentFirstAssignmentWins() {
        // another plan of the same customer recorded a (promoted) arm between our read and our write
        InMemoryExperimentStore racing = new InMemoryExperimentStore() {
            boolean raced;

            @Override
            public synchronized boolean assign(ExperimentAssignment a) {
                if (!raced) {
                    raced = true;
                    super.assign(new ExperimentAssignment(
                            a.experimentId(), a.customerId(), "tutorial-24h", true, Instant.EPOCH));
                    return false;
                }
                return super.assign(a);
            }
        };
        String c = customerWithArm("tutorial-12h");
        var a = new ExperimentAssignments(catalog, racing, clock).assign("post-purchase", "tutorial", c);
        assertThat(a).hasValueSatisfying(x -> {
            assertThat(x.arm().name()).isEqualTo("tutorial-24h");
            assertThat(x.promoted()).isTrue();
        });
    }

    @Test
    void anArmTheFileNoLongerDeclaresIsIgnored() {
        store.assign(new ExperimentAssignment("tutorial-timing", "c-9", "tutorial-6h", false, Instant.EPOCH));
        assertThat(assignments.assigned("post-purchase", "tutorial", "c-9")).isEmpty();
        assertThat(assignments.assign("post-purchase", "tutorial", "c-9")).isEmpty();
    }

    private String customerWithArm(String arm, String... not) {
        Experiment e = catalog.all().get(0);
        for (int i = 0; ; i++) {
            String c = "c-" + i;
            if (java.util.Arrays.asList(not).contains(c)) continue;
            if (e.armAt(ExperimentAssignments.point(e.id(), c)).name().equals(arm)) return c;
        }
    }
}
