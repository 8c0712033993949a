package it.attimo.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.EventTypes;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.journey.ParkedWait;
import it.attimo.core.port.ProfileStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The fakes behave like the real ports where the use cases rely on it. */
class FakesTest {
    @Test
    void eventLogDedupesByCustomerAndEventId() {
        InMemoryEventLog log = new InMemoryEventLog();
        assertThat(log.append(
                        Events.event(EventTypes.ORDER_PLACED, "c-1").id("e").build()))
                .isTrue();
        assertThat(log.append(Events.event(EventTypes.ORDER_PLACED, "c-1")
                        .id("e")
                        .at("2026-07-01T00:00:00Z")
                        .build()))
                .isFalse();
        assertThat(log.append(
                        Events.event(EventTypes.ORDER_PLACED, "c-2").id("e").build()))
                .isTrue();
        assertThat(log.history("c-1")).hasSize(1);
        log.erase("c-1");
        assertThat(log.history("c-1")).isEmpty();
        assertThat(log.size()).isEqualTo(1);
    }

    @Test
    void profileStoreIsOptimistic() {
        InMemoryProfileStore store = new InMemoryProfileStore();
        Profile v1 = store.save(Profile.empty("c-1"), 0);
        assertThat(v1.version()).isEqualTo(1);
        assertThatThrownBy(() -> store.save(Profile.empty("c-1"), 0))
                .isInstanceOf(ProfileStore.ConcurrentUpdateException.class);
        assertThat(store.save(v1, 1).version()).isEqualTo(2);
        store.failNextSaves(2);
        assertThatThrownBy(() -> store.save(store.find("c-1").orElseThrow(), 2))
                .isInstanceOf(ProfileStore.ConcurrentUpdateException.class);
        assertThatThrownBy(() -> store.save(store.find("c-1").orElseThrow(), 2))
                .isInstanceOf(ProfileStore.ConcurrentUpdateException.class);
        assertThat(store.save(store.find("c-1").orElseThrow(), 2).version()).isEqualTo(3);
        assertThat(store.rejectedSaves()).isEqualTo(3);
    }

    @Test
    void ledgerReservesOnce() {
        InMemoryMessageLedger ledger = new InMemoryMessageLedger();
        Instant t = Instant.parse("2026-06-10T09:00:00Z");
        MessageRecord r = new MessageRecord(
                "c-1", "e#s", "j", "e", "s", Channel.EMAIL, "service", t, MessageRecord.RESERVED, null, null, t);
        assertThat(ledger.reserve(r)).isTrue();
        assertThat(ledger.reserve(r.with(MessageRecord.SUPPRESSED, "x", null, t)))
                .isFalse();
        ledger.update(r.with(MessageRecord.SENT, null, "p", t));
        assertThat(ledger.sentSince("c-1", t)).hasSize(1);
        assertThat(ledger.sentSince("c-1", t.plusSeconds(1))).isEmpty();
    }

    @Test
    void waitsAreKeyedByCustomerAndWaitId() {
        InMemoryWaitRegistry waits = new InMemoryWaitRegistry();
        Instant t = Instant.parse("2026-06-10T09:00:00Z");
        waits.park(new ParkedWait("c-1", "a", "e", "s", "t1", t, t));
        waits.park(new ParkedWait("c-1", "a", "e", "s", "t2", t, t));
        waits.park(new ParkedWait("c-2", "a", "e", "s", "t3", t, t));
        assertThat(waits.waitingFor("c-1", "a"))
                .extracting(ParkedWait::taskToken)
                .containsExactly("t2");
        waits.erase("c-1");
        assertThat(waits.all()).extracting(ParkedWait::taskToken).containsExactly("t3");
    }

    @Test
    void runtimeStartsByNameAndClosesTokens() {
        RecordingJourneyRuntime rt = new RecordingJourneyRuntime();
        assertThat(rt.start("j", "n", "{}")).isTrue();
        assertThat(rt.start("j", "n", "{}")).isFalse();
        assertThat(rt.startCalls()).isEqualTo(2);
        assertThat(rt.resume("t", "{}")).isTrue();
        assertThat(rt.resume("t", "{}")).isFalse();
        assertThat(rt.fail("t", "E", "c")).isFalse();
        rt.close("u");
        assertThat(rt.fail("u", "E", "c")).isFalse();
        assertThat(rt.resumes()).hasSize(1);
        assertThat(rt.failures()).isEmpty();
    }

    @Test
    void mutableClockMovesOnlyWhenTold() {
        MutableClock clock = MutableClock.at("2026-06-10T09:00:00Z");
        assertThat(clock.instant()).isEqualTo(clock.instant());
        clock.advance(Duration.ofHours(25));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-06-11T10:00:00Z"));
        var rome = clock.withZone(ZoneId.of("Europe/Rome"));
        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(rome.instant()).as("zone views share the time").isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(rome.getZone()).isEqualTo(ZoneId.of("Europe/Rome"));
    }

    @Test
    void queueDrainsAsCloudEventMessages() {
        InMemoryEventQueue queue = new InMemoryEventQueue();
        queue.publish(java.util.List.of(
                Events.event(EventTypes.ORDER_PLACED, "c-1").id("e-1").build()));
        var messages = queue.drain();
        assertThat(messages).singleElement().satisfies(m -> assertThat(m.body()).contains("\"subject\":\"c-1\""));
        assertThat(queue.published()).isEmpty();
        queue.failNextPublish(new IllegalStateException("down"));
        assertThatThrownBy(() -> queue.publish(java.util.List.of())).hasMessage("down");
    }
}
