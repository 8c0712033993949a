package it.attimo.function.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.micronaut.context.ApplicationContext;
import it.attimo.aws.schedule.SchedulerRescoreScheduler;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.journey.ExecutionNames;
import it.attimo.core.port.ContactStore;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.MessageLedger;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.port.QuarantineStore;
import it.attimo.core.port.WaitRegistry;
import it.attimo.core.testing.InMemoryContactStore;
import it.attimo.core.testing.InMemoryEventLog;
import it.attimo.core.testing.InMemoryMessageLedger;
import it.attimo.core.testing.InMemoryProfileStore;
import it.attimo.core.testing.InMemoryQuarantineStore;
import it.attimo.core.testing.InMemoryWaitRegistry;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingJourneyRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreHandlerTest {
    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryQuarantineStore quarantine = new InMemoryQuarantineStore();
    final RecordingJourneyRuntime journeys = new RecordingJourneyRuntime();
    ApplicationContext ctx;
    ScoreHandler handler;

    @BeforeEach
    void start() {
        ctx = ApplicationContext.builder()
                .properties(Map.of("attimo.table.prefix", "test"))
                .build();
        ctx.registerSingleton(EventLog.class, new InMemoryEventLog());
        ctx.registerSingleton(ProfileStore.class, profiles);
        ctx.registerSingleton(ContactStore.class, new InMemoryContactStore());
        ctx.registerSingleton(WaitRegistry.class, new InMemoryWaitRegistry());
        ctx.registerSingleton(MessageLedger.class, new InMemoryMessageLedger());
        ctx.registerSingleton(QuarantineStore.class, quarantine);
        ctx.registerSingleton(JourneyRuntime.class, journeys);
        ctx.registerSingleton(Clock.class, MutableClock.at("2026-06-10T08:00:40Z"));
        ctx.start();
        handler = new ScoreHandler(ctx);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void anOrderDeliveredUpdatesTheProfileAndStartsThePostPurchaseJourneyOnce() {
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-order-delivered.json");

        SQSBatchResponse first = handler.handleRequest(event, null);
        SQSBatchResponse redelivered = handler.handleRequest(event, null);

        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(redelivered.getBatchItemFailures()).isEmpty();
        assertThat(profiles.find("cust-milano-001")).isPresent();
        assertThat(journeys.executions()).singleElement().satisfies(x -> {
            assertThat(x.journey()).isEqualTo("post-purchase");
            assertThat(x.executionName())
                    .isEqualTo(ExecutionNames.forTrigger("post-purchase", "cust-milano-001", "evt-0001"));
        });
    }

    @Test
    void aMessageThatCannotBeProcessedIsReportedForRedelivery() {
        profiles.failNextSaves(1_000);
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-order-delivered.json");

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("8f6e1c2a-0b1d-4c3e-9f00-000000000001");
    }

    @Test
    void aRescoreScheduleInvokesTheHandlerWithAnEventLambdaReadsLikeAQueueMessage(@TempDir Path dir) throws Exception {
        handler.handleRequest(EventLoader.loadSQSEvent("events/sqs-order-delivered.json"), null);
        Instant deadline = Instant.parse("2026-06-11T08:00:00Z");
        String name = SchedulerRescoreScheduler.scheduleName("cust-milano-001", deadline);
        Path input = Files.writeString(
                dir.resolve("input.json"), SchedulerRescoreScheduler.input(name, "cust-milano-001", deadline));

        SQSEvent event = EventLoader.loadSQSEvent(input.toString());
        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(event.getRecords()).singleElement().satisfies(r -> {
            assertThat(r.getMessageId()).isEqualTo(name);
            assertThat(r.getAttributes()).containsEntry("MessageGroupId", "cust-milano-001");
        });
        assertThat(response.getBatchItemFailures()).isEmpty();
        // a body the handler could not read would have been quarantined
        assertThat(quarantine.all()).isEmpty();
    }

    @Test
    void aRescoreThatFailsOutsideTheQueueFailsTheInvocationSoLambdaRetriesIt(@TempDir Path dir) throws Exception {
        EventLog unavailable = new EventLog() {
            @Override
            public boolean append(CustomerEvent event) {
                return true;
            }

            @Override
            public List<CustomerEvent> history(String customerId) {
                throw new IllegalStateException("the event log is unavailable");
            }

            @Override
            public void erase(String customerId) {}

            @Override
            public void erase(String customerId, Instant erasedAt) {}

            @Override
            public Optional<Instant> erasedAt(String customerId) {
                return Optional.empty();
            }
        };
        Instant deadline = Instant.parse("2026-06-11T08:00:00Z");
        String name = SchedulerRescoreScheduler.scheduleName("cust-milano-001", deadline);
        Path input = Files.writeString(
                dir.resolve("input.json"), SchedulerRescoreScheduler.input(name, "cust-milano-001", deadline));
        ApplicationContext failing = ApplicationContext.builder()
                .properties(Map.of("attimo.table.prefix", "test"))
                .build();
        failing.registerSingleton(EventLog.class, unavailable);
        failing.registerSingleton(ProfileStore.class, new InMemoryProfileStore());
        failing.registerSingleton(ContactStore.class, new InMemoryContactStore());
        failing.registerSingleton(WaitRegistry.class, new InMemoryWaitRegistry());
        failing.registerSingleton(MessageLedger.class, new InMemoryMessageLedger());
        failing.registerSingleton(QuarantineStore.class, new InMemoryQuarantineStore());
        failing.registerSingleton(JourneyRuntime.class, new RecordingJourneyRuntime());
        failing.registerSingleton(Clock.class, MutableClock.at("2026-06-11T08:00:00Z"));
        failing.start();
        try (failing) {
            ScoreHandler direct = new ScoreHandler(failing);
            assertThatThrownBy(() -> direct.handleRequest(EventLoader.loadSQSEvent(input.toString()), null))
                    .hasMessageContaining(name);
            // the same failure from the queue is a partial batch response, for SQS to redeliver
            SQSEvent queued = EventLoader.loadSQSEvent("events/sqs-order-delivered.json");
            assertThat(direct.handleRequest(queued, null).getBatchItemFailures())
                    .hasSize(1);
        }
    }
}
