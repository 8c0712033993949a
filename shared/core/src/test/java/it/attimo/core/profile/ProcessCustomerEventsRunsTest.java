package it.attimo.core.profile;

import static it.attimo.core.profile.ProcessCustomerEventsTest.message;
import static it.attimo.core.profile.ProcessCustomerEventsTest.registered;
import static it.attimo.core.profile.ProcessCustomerEventsTest.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.ParkedWait;
import it.attimo.core.json.Json;
import it.attimo.core.port.WaitRegistry;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.ForwardingEventLog;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingJourneyRuntime;
import it.attimo.core.testing.RecordingRescoreScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A customer's consecutive events in one queue batch are handled together (one log read, one profile read and write,
 * one read of the waits) while each event is still judged as if it came alone.
 */
class ProcessCustomerEventsRunsTest {
    static final String C = "c-run";
    final MutableClock clock = MutableClock.at("2026-06-10T12:00:00Z");
    final CountingLog log = new CountingLog();
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final CountingWaits waits = new CountingWaits();
    final RecordingJourneyRuntime runtime = new RecordingJourneyRuntime();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final ProcessCustomerEvents process = new ProcessCustomerEvents(
            log,
            profiles,
            contacts,
            waits,
            new InMemoryMessageLedger(),
            runtime,
            new InMemoryQuarantineStore(),
            new RecordingRescoreScheduler(),
            new ProfileFolder(new DirectoryGeoResolver(ComuneDirectory.bundled()), CountingScorer.INSTANCE),
            JourneyCatalog.defaults(),
            clock);

    static CustomerEvent portal(String customer, String id, String at) {
        return Events.event(EventTypes.PORTAL_ACCESSED, customer).id(id).at(at).build();
    }

    List<String> run(CustomerEvent... events) {
        List<it.attimo.core.profile.InboundMessage> batch = new ArrayList<>();
        for (CustomerEvent e : events) batch.add(message("m-" + e.id(), e));
        return process.process(batch);
    }

    @Test
    void aCustomersEventsInOneBatchCostOneReadAndOneWriteOfTheProfile() {
        List<String> failed = run(
                portal(C, "p-1", "2026-06-01T08:00:00Z"),
                portal("c-other", "x-1", "2026-06-01T08:00:00Z"),
                portal(C, "p-2", "2026-06-02T08:00:00Z"),
                portal(C, "p-3", "2026-06-03T08:00:00Z"));

        assertThat(failed).isEmpty();
        assertThat(log.reads).as("one log read per customer").isEqualTo(2);
        assertThat(log.appends).isEqualTo(4);
        assertThat(profiles.saves()).as("one profile write per customer").isEqualTo(2);
        assertThat(waits.reads)
                .as("no journey runs for either customer: nothing can be waiting")
                .isZero();
        assertThat(profiles.find(C).orElseThrow().eventCounts()).containsEntry(EventTypes.PORTAL_ACCESSED, 3);
        assertThat(log.history(C)).hasSize(3);
    }

    @Test
    void aCustomerWithARunningJourneyHasItsWaitsReadOncePerBatch() {
        RunningJourneys.running(profiles, C, "onb", clock.instant());
        run(
                portal(C, "p-1", "2026-06-01T08:00:00Z"),
                portal(C, "p-2", "2026-06-02T08:00:00Z"),
                portal("c-other", "x-1", "2026-06-01T08:00:00Z"));
        assertThat(waits.reads)
                .as("read for the customer whose journey runs, not for the other")
                .isEqualTo(1);
    }

    @Test
    void theContactIsWrittenOnlyWhenItsDetailsChange() {
        run(upsert(C, "u-1", "b2c"));
        assertThat(contacts.puts()).isEqualTo(1);
        assertThat(contacts.find(C).orElseThrow().email()).isEqualTo("anna@example.it");

        run(portal(C, "p-1", "2026-06-02T08:00:00Z"), portal(C, "p-2", "2026-06-03T08:00:00Z"));
        assertThat(contacts.puts())
                .as("no new contact details: nothing rewritten")
                .isEqualTo(1);

        CustomerEvent moved = Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u-2")
                .at("2026-06-04T08:00:00Z")
                .data("email", "anna.rossi@example.it")
                .build();
        run(moved);
        assertThat(contacts.puts()).isEqualTo(2);
        assertThat(contacts.find(C).orElseThrow().email()).isEqualTo("anna.rossi@example.it");

        contacts.delete(C);
        run(portal(C, "p-3", "2026-06-05T08:00:00Z"));
        assertThat(contacts.find(C))
                .as("an event that carries no contact details neither reads nor writes the contact")
                .isEmpty();
        run(Events.event(EventTypes.CUSTOMER_UPSERTED, C)
                .id("u-3")
                .at("2026-06-06T08:00:00Z")
                .data("segment", "b2c")
                .build());
        assertThat(contacts.find(C).orElseThrow().email())
                .as("a lost item is written again from the log by the next event that shapes the contact")
                .isEqualTo("anna.rossi@example.it");
    }

    @Test
    void copiesAlreadyInTheLogAreNotWrittenAgainButStillTrigger() {
        CustomerEvent delivered = ProcessCustomerEventsTest.delivered(C, "o-1");
        log.append(delivered);
        log.appends = 0;

        assertThat(run(delivered, delivered, portal(C, "p-1", "2026-06-10T10:00:00Z")))
                .isEmpty();

        assertThat(log.appends).as("only the new event is written").isEqualTo(1);
        assertThat(runtime.executions())
                .as("the earlier processing may have stopped before the journey: it starts now, once")
                .singleElement()
                .satisfies(e -> assertThat(e.journey()).isEqualTo("post-purchase"));
        assertThat(runtime.startCalls()).isEqualTo(1);
    }

    @Test
    void eachTriggerIsJudgedOnTheProfileRightAfterIt() {
        // registered before the upsert says b2b: alone, that registration would start nothing
        run(registered("late-b2b", "r-1"), upsert("late-b2b", "u-1", "b2b"));
        assertThat(runtime.executions()).isEmpty();

        run(upsert("b2b", "u-2", "b2b"), registered("b2b", "r-2"));
        assertThat(runtime.executions())
                .singleElement()
                .satisfies(e -> assertThat(e.journey()).isEqualTo("onboarding-72h"));
    }

    @Test
    void everyTierCrossedInsideTheBatchIsSignalledInOrder() throws Exception {
        park("tier.warm", "t-warm");
        park("tier.hot", "t-hot");

        run(
                portal(C, "p-1", "2026-06-01T08:00:00Z"),
                portal(C, "p-2", "2026-06-02T08:00:00Z"),
                portal(C, "p-3", "2026-06-03T08:00:00Z"),
                portal(C, "p-4", "2026-06-04T08:00:00Z"),
                portal(C, "p-5", "2026-06-05T08:00:00Z"));

        assertThat(runtime.resumes())
                .extracting(RecordingJourneyRuntime.Resume::taskToken)
                .containsExactly("t-warm", "t-hot");
        var hot = Json.parse(runtime.resumes().get(1).output());
        assertThat(hot.get("from").asText()).isEqualTo("warm");
        assertThat(hot.get("score").asDouble()).isEqualTo(5.0);
        assertThat(waits.all()).isEmpty();
    }

    @Test
    void aWaitIsWokenOnceByTheFirstMatchingEventOfTheBatch() {
        park(EventTypes.PORTAL_ACCESSED, "t-portal");

        run(portal(C, "p-1", "2026-06-01T08:00:00Z"), portal(C, "p-2", "2026-06-02T08:00:00Z"));

        assertThat(runtime.resumes())
                .singleElement()
                .satisfies(r -> assertThat(r.output()).contains("\"eventId\":\"p-1\""));
        assertThat(waits.all()).isEmpty();
    }

    @Test
    void whenTheBatchFailsTheEventsAreRetriedOneByOneAndOnlyTheFailingOneAndItsLaterOnesFail() {
        log.failOn("p-2");

        List<String> failed = run(
                portal(C, "p-1", "2026-06-01T08:00:00Z"),
                portal(C, "p-2", "2026-06-02T08:00:00Z"),
                portal(C, "p-3", "2026-06-03T08:00:00Z"),
                portal("c-fine", "f-1", "2026-06-03T08:00:00Z"));

        assertThat(failed).containsExactly("m-p-2", "m-p-3");
        assertThat(log.history(C)).extracting(CustomerEvent::id).containsExactly("p-1");
        Profile p = profiles.find(C).orElseThrow();
        assertThat(p.eventCounts()).containsEntry(EventTypes.PORTAL_ACCESSED, 1);
        assertThat(profiles.find("c-fine")).isPresent();

        log.failOn(null);
        assertThat(run(portal(C, "p-2", "2026-06-02T08:00:00Z"), portal(C, "p-3", "2026-06-03T08:00:00Z")))
                .isEmpty();
        assertThat(profiles.find(C).orElseThrow().eventCounts()).containsEntry(EventTypes.PORTAL_ACCESSED, 3);
    }

    @Test
    void anEventStoredByAnotherWriterAfterTheReadIsFoldedFromAFreshRead() {
        CustomerEvent theirs = portal(C, "p-1", "2026-06-01T08:00:00Z");
        log.beforeNextAppend = () -> log.append(theirs);

        assertThat(run(theirs, portal(C, "p-2", "2026-06-02T08:00:00Z"))).isEmpty();

        assertThat(profiles.find(C).orElseThrow().eventCounts()).containsEntry(EventTypes.PORTAL_ACCESSED, 2);
        assertThat(log.history(C)).hasSize(2);
    }

    @Test
    void eventsOfAnErasedPersonFromBeforeTheErasureAreDroppedInABatchToo() {
        log.erase(C, Instant.parse("2026-06-05T00:00:00Z"));

        assertThat(run(portal(C, "old", "2026-06-04T08:00:00Z"), portal(C, "new", "2026-06-06T08:00:00Z")))
                .isEmpty();

        assertThat(log.history(C)).extracting(CustomerEvent::id).containsExactly("new");
        assertThat(log.reads).isEqualTo(1);
    }

    private void park(String eventType, String token) {
        RunningJourneys.running(profiles, C, "onb", clock.instant());
        waits.park(new ParkedWait(
                C,
                eventType,
                "onb",
                "wait",
                token,
                clock.instant(),
                clock.instant().plus(Duration.ofDays(8))));
    }

    /** Counts log reads and appends; can fail one event's append, or let another writer append first. */
    static final class CountingLog extends ForwardingEventLog {
        int reads;
        int appends;
        String failingId;
        Runnable beforeNextAppend;

        CountingLog() {
            super(new InMemoryEventLog());
        }

        void failOn(String eventId) {
            failingId = eventId;
        }

        @Override
        public boolean append(CustomerEvent event) {
            if (beforeNextAppend != null) {
                Runnable r = beforeNextAppend;
                beforeNextAppend = null;
                r.run();
            }
            if (event.id().equals(failingId)) throw new IllegalStateException("append of " + event.id() + " failed");
            appends++;
            return super.append(event);
        }

        @Override
        public CustomerLog read(String customerId) {
            reads++;
            return super.read(customerId);
        }
    }

    /** Counts reads of a customer's waits; the score function must not read them per event type. */
    static final class CountingWaits implements WaitRegistry {
        private final InMemoryWaitRegistry waits = new InMemoryWaitRegistry();
        int reads;

        @Override
        public void park(ParkedWait wait) {
            waits.park(wait);
        }

        @Override
        public List<ParkedWait> waitingFor(String customerId, String eventType) {
            reads++;
            return waits.waitingFor(customerId, eventType);
        }

        @Override
        public List<ParkedWait> forCustomer(String customerId) {
            reads++;
            return waits.forCustomer(customerId);
        }

        @Override
        public void remove(ParkedWait wait) {
            waits.remove(wait);
        }

        @Override
        public void erase(String customerId) {
            waits.erase(customerId);
        }

        List<ParkedWait> all() {
            return waits.all();
        }
    }
}
