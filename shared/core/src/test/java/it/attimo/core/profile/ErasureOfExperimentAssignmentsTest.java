package it.attimo.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.EventTypes;
import it.attimo.core.experiment.ExperimentAssignment;
import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryExperimentStore;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingJourneyRuntime;
import it.attimo.core.testing.RecordingRescoreScheduler;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErasureOfExperimentAssignmentsTest {
    @Test
    void customerErasedRemovesTheirArmsAndNobodyElses() {
        MutableClock clock = MutableClock.at("2026-06-10T12:00:00Z");
        InMemoryExperimentStore experiments = new InMemoryExperimentStore();
        experiments.assign(new ExperimentAssignment("tutorial-timing", "c-1", "tutorial-12h", false, Instant.EPOCH));
        experiments.assign(new ExperimentAssignment("tutorial-timing", "c-2", "tutorial-24h", false, Instant.EPOCH));
        ProcessCustomerEvents process = new ProcessCustomerEvents(
                        new InMemoryEventLog(),
                        new InMemoryProfileStore(),
                        new InMemoryContactStore(),
                        new InMemoryWaitRegistry(),
                        new InMemoryMessageLedger(),
                        new RecordingJourneyRuntime(),
                        new InMemoryQuarantineStore(),
                        new RecordingRescoreScheduler(),
                        new ProfileFolder(new DirectoryGeoResolver(ComuneDirectory.bundled()), CountingScorer.INSTANCE),
                        JourneyCatalog.defaults(),
                        clock)
                .erasingExperimentsIn(experiments);

        var erased = Events.event(EventTypes.CUSTOMER_ERASED, "c-1").id("x-1").build();
        assertThat(process.process(List.of(new InboundMessage("m-1", CloudEventJson.toJson(erased)))))
                .isEmpty();

        assertThat(experiments.assignment("tutorial-timing", "c-1")).isEmpty();
        assertThat(experiments.assignment("tutorial-timing", "c-2")).isPresent();
    }
}
