package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.local.LocalStateTable.RescoreTimer;
import it.attimo.sfn.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRescoreSchedulerTest {
    private static final Instant START = Instant.parse("2026-06-08T06:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final MemoryTimers store = new MemoryTimers();
    private final RecordingSqs sqs = new RecordingSqs();

    @Test
    void sendsARescoreCommandToTheCustomersGroupWhenTheTimerFallsDue() throws Exception {
        LocalRescoreScheduler scheduler = new LocalRescoreScheduler(clock, store);
        scheduler.bind(sqs);
        Instant due = START.plus(Duration.ofHours(2));
        scheduler.rescoreAt("c-000001", due);
        scheduler.rescoreAt("c-000001", due);

        assertThat(scheduler.pending()).isEqualTo(1);
        assertThat(store.timers()).containsExactly(new RescoreTimer("c-000001", due));
        assertThat(scheduler.nextDue()).contains(due);
        assertThat(scheduler.fireDue()).isZero();
        assertThat(sqs.sent).isEmpty();

        clock.advanceTo(due);
        assertThat(scheduler.fireDue()).isEqualTo(1);
        Sent sent = sqs.sent.get(0);
        assertThat(sent.messageGroupId()).isEqualTo("c-000001");
        assertThat(sent.messageDeduplicationId()).isEqualTo("rescore#c-000001#" + due);
        JsonNode body = new ObjectMapper().readTree(sent.messageBody());
        assertThat(body.path("kind").asText()).isEqualTo("rescore");
        assertThat(body.path("customerId").asText()).isEqualTo("c-000001");
        assertThat(body.path("at").asText()).isEqualTo(due.toString());
        assertThat(scheduler.pending()).isZero();
        assertThat(store.timers()).isEmpty();
        assertThat(scheduler.fireDue()).isZero();
    }

    @Test
    void timersFromTheStoreSurviveARestartAndFireInTimeOrder() {
        store.saveTimer(new RescoreTimer("c-2", START.plusSeconds(120)));
        store.saveTimer(new RescoreTimer("c-1", START.plusSeconds(60)));
        LocalRescoreScheduler scheduler = new LocalRescoreScheduler(clock, store);
        scheduler.bind(sqs);
        assertThat(scheduler.nextDue()).contains(START.plusSeconds(60));
        clock.advanceTo(START.plusSeconds(120));
        assertThat(scheduler.fireDue()).isEqualTo(2);
        assertThat(sqs.sent).extracting(Sent::messageGroupId).containsExactly("c-1", "c-2");
    }

    private static final class MemoryTimers implements LocalRescoreScheduler.TimerStore {
        private final List<RescoreTimer> timers = new ArrayList<>();

        @Override
        public void saveTimer(RescoreTimer timer) {
            timers.add(timer);
        }

        @Override
        public void deleteTimer(RescoreTimer timer) {
            timers.remove(timer);
        }

        @Override
        public List<RescoreTimer> timers() {
            return List.copyOf(timers);
        }
    }

    private record Sent(String messageGroupId, String messageDeduplicationId, String messageBody) {}

    private static final class RecordingSqs implements LocalRescoreScheduler.FifoSender {
        final List<Sent> sent = new ArrayList<>();

        @Override
        public void send(String groupId, String deduplicationId, String body) {
            sent.add(new Sent(groupId, deduplicationId, body));
        }
    }
}
