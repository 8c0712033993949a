package it.attimo.core.profile;

import static it.attimo.core.profile.ProcessCustomerEventsTest.delivered;
import static it.attimo.core.profile.ProcessCustomerEventsTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.EventTypes;
import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingJourneyRuntime;
import it.attimo.core.testing.RecordingRescoreScheduler;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachingProfileStoreTest {
    final InMemoryProfileStore stored = new InMemoryProfileStore();
    final CountingFinds counted = new CountingFinds(stored);
    final CachingProfileStore cache = new CachingProfileStore(counted, 2);

    @Test
    void aProfileJustSavedOrReadIsNotReadAgain() {
        cache.save(Profile.empty("a"), 0);
        assertThat(cache.find("a")).map(Profile::version).contains(1L);
        stored.put(Profile.empty("b").withVersion(4));
        cache.find("b");
        cache.find("b");
        assertThat(counted.finds).as("a read only for b, once").isEqualTo(1);
        assertThat(cache.find("nobody")).isEmpty();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aRefusedSaveForgetsTheProfileSoTheNextReadIsFresh() {
        cache.save(Profile.empty("a"), 0);
        stored.put(Profile.empty("a").withVersion(7)); // someone else wrote

        assertThatThrownBy(() -> cache.save(Profile.empty("a"), 1))
                .isInstanceOf(ProfileStore.ConcurrentUpdateException.class);

        assertThat(cache.find("a")).map(Profile::version).contains(7L);
        assertThat(counted.finds).isEqualTo(1);
    }

    @Test
    void findStoredAlwaysReadsTheStoreAndRefreshesNothingStale() {
        cache.save(Profile.empty("a"), 0);
        stored.put(Profile.empty("a").withVersion(5)); // written elsewhere

        assertThat(cache.findStored("a")).map(Profile::version).contains(5L);
        assertThat(counted.finds).isEqualTo(1);
        assertThat(cache.find("a"))
                .map(Profile::version)
                .as("the fresh copy replaced the stale one")
                .contains(5L);
        assertThat(counted.finds).isEqualTo(1);
    }

    @Test
    void theLeastRecentlyUsedIsDroppedAndDeleteForgets() {
        cache.save(Profile.empty("a"), 0);
        cache.save(Profile.empty("b"), 0);
        cache.find("a");
        cache.save(Profile.empty("c"), 0);
        cache.find("b");
        assertThat(counted.finds).as("b was the eldest").isEqualTo(1);

        cache.delete("a");
        assertThat(cache.find("a")).isEmpty();
        assertThat(stored.find("a")).isEmpty();
        assertThatThrownBy(() -> new CachingProfileStore(stored, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theScoreFunctionKeepsWhatAJourneyStepWroteBehindTheCache() {
        MutableClock clock = MutableClock.at("2026-06-10T12:00:00Z");
        RecordingJourneyRuntime runtime = new RecordingJourneyRuntime();
        ProcessCustomerEvents process = new ProcessCustomerEvents(
                new InMemoryEventLog(),
                cache,
                new InMemoryContactStore(),
                new InMemoryWaitRegistry(),
                new InMemoryMessageLedger(),
                runtime,
                new InMemoryQuarantineStore(),
                new RecordingRescoreScheduler(),
                new ProfileFolder(new DirectoryGeoResolver(ComuneDirectory.bundled()), CountingScorer.INSTANCE),
                JourneyCatalog.defaults(),
                clock);
        process.process(List.of(message("m-1", delivered("c", "o-1"))));
        // the journey ends and records it on the profile, through the store, not the score function's cache
        ProcessCustomerEvents.update(
                stored,
                "c",
                p -> p.withJourneys(p.journeys().stream()
                        .map(r -> new JourneyRun(
                                r.journey(),
                                r.executionName(),
                                r.startedAt(),
                                "SUCCEEDED",
                                Instant.parse("2026-06-10T13:00:00Z")))
                        .toList()));

        process.process(List.of(message(
                "m-2", Events.event(EventTypes.PORTAL_ACCESSED, "c").id("p-1").build())));

        Profile p = stored.find("c").orElseThrow();
        assertThat(p.eventCounts()).containsEntry(EventTypes.PORTAL_ACCESSED, 1);
        assertThat(p.journeys())
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("SUCCEEDED"));
        assertThat(stored.rejectedSaves())
                .as("the stale copy was refused once, then re-read")
                .isEqualTo(1);
    }

    @Test
    void anErasureStopsTheJourneysOfTheStoredProfileNotOfARememberedCopy() {
        RecordingJourneyRuntime runtime = new RecordingJourneyRuntime();
        ProcessCustomerEvents process = new ProcessCustomerEvents(
                new InMemoryEventLog(),
                cache,
                new InMemoryContactStore(),
                new InMemoryWaitRegistry(),
                new InMemoryMessageLedger(),
                runtime,
                new InMemoryQuarantineStore(),
                new RecordingRescoreScheduler(),
                new ProfileFolder(new DirectoryGeoResolver(ComuneDirectory.bundled()), CountingScorer.INSTANCE),
                JourneyCatalog.defaults(),
                MutableClock.at("2026-06-10T12:00:00Z"));
        process.process(List.of(message(
                "m-1", Events.event(EventTypes.PORTAL_ACCESSED, "c").id("p-1").build())));
        // another container started a journey for c and recorded it: this container's copy does not list it
        ProcessCustomerEvents.update(
                stored,
                "c",
                p -> p.withJourneys(List.of(new JourneyRun(
                        "post-purchase",
                        "post-purchase-c-o-9",
                        Instant.parse("2026-06-10T11:00:00Z"),
                        JourneyRun.RUNNING,
                        null))));

        process.process(List.of(message(
                "m-2", Events.event(EventTypes.CUSTOMER_ERASED, "c").id("x-1").build())));

        assertThat(runtime.stops())
                .extracting(RecordingJourneyRuntime.Stop::executionName)
                .containsExactly("post-purchase-c-o-9");
        assertThat(stored.find("c")).isEmpty();
    }

    static final class CountingFinds implements ProfileStore {
        private final ProfileStore store;
        int finds;

        CountingFinds(ProfileStore store) {
            this.store = store;
        }

        @Override
        public Optional<Profile> find(String customerId) {
            finds++;
            return store.find(customerId);
        }

        @Override
        public Profile save(Profile profile, long expectedVersion) {
            return store.save(profile, expectedVersion);
        }

        @Override
        public void delete(String customerId) {
            store.delete(customerId);
        }
    }
}
