package it.attimo.aws.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Attimo.Transient;
import it.attimo.aws.channel.SesEmailGateway;
import it.attimo.aws.config.AwsClients;
import it.attimo.aws.dynamo.DynamoContactStore;
import it.attimo.aws.dynamo.DynamoEventLog;
import it.attimo.aws.dynamo.DynamoMessageLedger;
import it.attimo.aws.dynamo.DynamoProfileStore;
import it.attimo.aws.dynamo.DynamoQuarantineStore;
import it.attimo.aws.dynamo.DynamoWaitRegistry;
import it.attimo.aws.journey.JourneyErrors;
import it.attimo.aws.sfn.SfnJourneyRuntime;
import it.attimo.aws.testing.FaultInjector;
import it.attimo.aws.testing.FaultInjector.When;
import it.attimo.aws.testing.LocalDynamo;
import it.attimo.core.AttimoCore;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Contact;
import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.profile.CachingProfileStore;
import it.attimo.core.profile.InboundMessage;
import it.attimo.core.profile.ProcessCustomerEvents;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingJourneyRuntime;
import it.attimo.core.testing.RecordingRescoreScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Faults on the AWS path, injected into real SDK calls ({@link FaultInjector}) against DynamoDB Local: the clients'
 * retry strategy ({@link AwsClients#retryStrategy()}) retries with backoff, the score function reports what still
 * fails for redelivery and loses nothing, a repeated start is an already started journey, and a throttled SES send
 * leaves the journey step as {@code Attimo.Transient} so its state machine retries it.
 */
class AwsFaultsIT {
    static final String THROTTLED = "ProvisionedThroughputExceededException";
    final FaultInjector faults = new FaultInjector();
    final String prefix = LocalDynamo.shared().freshTables("faults");
    final DynamoDbClient dynamo = AwsClients.build(
            DynamoDbClient.builder().overrideConfiguration(o -> o.addExecutionInterceptor(faults)),
            "eu-south-1",
            LocalDynamo.shared().endpoint());
    final DynamoEventLog log = new DynamoEventLog(dynamo, prefix);
    final DynamoProfileStore profiles = new DynamoProfileStore(dynamo, prefix);
    final RecordingJourneyRuntime journeys = new RecordingJourneyRuntime();
    final MutableClock clock = MutableClock.at("2026-06-10T12:00:00Z");
    final ProcessCustomerEvents process = new ProcessCustomerEvents(
            log,
            new CachingProfileStore(profiles, 100),
            new DynamoContactStore(dynamo, prefix),
            new DynamoWaitRegistry(dynamo, prefix),
            new DynamoMessageLedger(dynamo, prefix),
            journeys,
            new DynamoQuarantineStore(dynamo, prefix),
            new RecordingRescoreScheduler(),
            AttimoCore.profileFolder(),
            JourneyCatalog.defaults(),
            clock);

    static CustomerEvent event(String id, String customer, String type, String at) {
        return new CustomerEvent(id, "shop", type, customer, Instant.parse(at), Map.of("orderId", "o-" + id));
    }

    static InboundMessage message(CustomerEvent e) {
        return new InboundMessage("m-" + e.id(), CloudEventJson.toJson(e));
    }

    static boolean writesFor(SdkRequest request, String customerId) {
        if (request instanceof PutItemRequest put) {
            return put.item().containsKey("customerId")
                    && put.item().get("customerId").s().equals(customerId);
        }
        if (request instanceof TransactWriteItemsRequest tx) {
            return tx.transactItems().stream()
                    .anyMatch(t -> t.put() != null
                            && t.put().item().get("customerId").s().equals(customerId));
        }
        return false;
    }

    @Test
    void dynamoThrottlingIsRetriedWithBackoffAndTheWriteLandsOnce() {
        faults.fail(
                "DynamoDb.PutItem",
                2,
                When.BEFORE_SENDING,
                FaultInjector.serviceError(ProvisionedThroughputExceededException::builder, 400, THROTTLED));

        assertThat(log.append(event("e-1", "c-1", "portal.accessed", "2026-06-10T08:00:00Z")))
                .isTrue();

        assertThat(faults.attempts("DynamoDb.PutItem"))
                .extracting(FaultInjector.Attempt::fault)
                .containsExactly(THROTTLED, THROTTLED, null);
        // throttling backs off exponentially from 500 ms with half jitter: 250-500 ms, then 500-1000 ms
        assertThat(faults.gapsMillis("DynamoDb.PutItem"))
                .satisfiesExactly(
                        first -> assertThat(first).isBetween(240L, 1_500L),
                        second -> assertThat(second).isBetween(490L, 2_500L));
        assertThat(log.history("c-1")).hasSize(1);
    }

    @Test
    void aTimeoutAfterTheWriteLandedIsRetriedAndTheEventCountsOnce() {
        faults.fail(
                "DynamoDb.PutItem", r -> writesFor(r, "c-2"), 1, When.AFTER_SERVICE_APPLIED, FaultInjector.timeout());

        assertThat(process.process(List.of(message(event("e-2", "c-2", "portal.accessed", "2026-06-10T08:00:00Z")))))
                .isEmpty();

        assertThat(faults.attempts("DynamoDb.PutItem").get(0).fault()).isEqualTo("SdkClientException");
        assertThat(log.history("c-2")).hasSize(1);
        assertThat(profiles.find("c-2").orElseThrow().eventCounts()).containsEntry("portal.accessed", 1);
    }

    @Test
    void whatStillFailsAfterTheRetriesIsReportedForRedeliveryAndNothingIsLostOrDoubled() {
        faults.fail(
                "DynamoDb.PutItem",
                r -> writesFor(r, "c-a"),
                Integer.MAX_VALUE,
                When.BEFORE_SENDING,
                FaultInjector.serviceError(ProvisionedThroughputExceededException::builder, 400, THROTTLED));
        faults.fail(
                "DynamoDb.TransactWriteItems",
                r -> writesFor(r, "c-a"),
                Integer.MAX_VALUE,
                When.BEFORE_SENDING,
                FaultInjector.serviceError(ProvisionedThroughputExceededException::builder, 400, THROTTLED));
        List<InboundMessage> batch = List.of(
                message(event("a-1", "c-a", "portal.accessed", "2026-06-10T08:00:00Z")),
                message(event("b-1", "c-b", "portal.accessed", "2026-06-10T08:00:00Z")),
                message(event("a-2", "c-a", "order.delivered", "2026-06-10T09:00:00Z")));

        assertThat(process.process(batch)).containsExactly("m-a-1", "m-a-2");
        assertThat(faults.attempts("DynamoDb.TransactWriteItems"))
                .as("the SDK retried the throttled write before giving up")
                .hasSize(AwsClients.MAX_ATTEMPTS);
        assertThat(log.history("c-a")).isEmpty();
        assertThat(log.history("c-b")).hasSize(1);

        faults.clear();
        // SQS redelivers the two failed messages, and a storm of copies of the whole batch follows
        assertThat(process.process(List.of(batch.get(0), batch.get(2)))).isEmpty();
        for (int i = 0; i < 3; i++) assertThat(process.process(batch)).isEmpty();

        assertThat(log.history("c-a")).extracting(CustomerEvent::id).containsExactlyInAnyOrder("a-1", "a-2");
        assertThat(log.history("c-b")).hasSize(1);
        assertThat(profiles.find("c-a").orElseThrow().eventCounts())
                .containsEntry("portal.accessed", 1)
                .containsEntry("order.delivered", 1);
        assertThat(journeys.executions()).as("post-purchase started once").hasSize(1);
    }

    @Test
    void aRedeliveryStormOfConcurrentCopiesStoresEveryEventOnceAndStartsTheJourneyOnce() throws Exception {
        List<InboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batch.add(message(event("s-" + i, "c-storm", "portal.accessed", "2026-06-10T08:0" + i + ":00Z")));
        }
        batch.add(message(event("s-order", "c-storm", "order.delivered", "2026-06-10T09:00:00Z")));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> copies = new ArrayList<>();
            for (int i = 0; i < 8; i++) copies.add(pool.submit(() -> process.process(batch)));
            for (Future<List<String>> copy : copies) copy.get();
        } finally {
            pool.shutdown();
        }
        // a copy that lost a race is reported failed and comes back: the last redelivery settles it
        assertThat(process.process(batch)).isEmpty();

        assertThat(log.history("c-storm")).hasSize(7);
        assertThat(profiles.find("c-storm").orElseThrow().eventCounts())
                .containsEntry("portal.accessed", 6)
                .containsEntry("order.delivered", 1);
        assertThat(journeys.executions()).hasSize(1);
        assertThat(profiles.find("c-storm").orElseThrow().journeys()).hasSize(1);
    }

    @Test
    void executionAlreadyExistsIsAnAlreadyStartedJourneyAndIsNotRetried() {
        try (SfnClient sfn = AwsClients.build(
                SfnClient.builder().overrideConfiguration(o -> o.addExecutionInterceptor(faults)),
                "eu-south-1",
                "http://127.0.0.1:9")) {
            faults.fail(
                    "Sfn.StartExecution",
                    1,
                    When.BEFORE_SENDING,
                    FaultInjector.serviceError(
                            ExecutionAlreadyExistsException::builder, 400, "ExecutionAlreadyExists"));
            SfnJourneyRuntime runtime = new SfnJourneyRuntime(
                    sfn, Map.of("post-purchase", "arn:aws:states:eu-south-1:123456789012:stateMachine:pp"));

            assertThat(runtime.start("post-purchase", "post-purchase-c-1-o-1", "{}"))
                    .isFalse();
            assertThat(faults.attempts("Sfn.StartExecution")).hasSize(1);
        }
    }

    @Test
    void sesThrottlingIsRetriedThenSurfacesAsAttimoTransientForTheStateMachine() {
        try (SesV2Client ses = AwsClients.build(
                SesV2Client.builder().overrideConfiguration(o -> o.addExecutionInterceptor(faults)),
                "eu-south-1",
                "http://127.0.0.1:9")) {
            faults.fail(
                    "SesV2.SendEmail",
                    Integer.MAX_VALUE,
                    When.BEFORE_SENDING,
                    FaultInjector.serviceError(TooManyRequestsException::builder, 429, "TooManyRequestsException"));
            SesEmailGateway gateway = new SesEmailGateway(ses, "ciao@attimo.example", null);
            OutboundMessage message = new OutboundMessage(
                    "c-1",
                    new Contact("c-1", "anna@example.it", null, null),
                    Channel.EMAIL,
                    "post-purchase",
                    "welcome",
                    "service",
                    "post-purchase.welcome",
                    "it-IT",
                    "formale",
                    "c-1#exec-1#welcome",
                    Instant.parse("2026-06-10T08:00:00Z"));
            OutboundMessage rendered = message.withRendered(it.attimo.core.message.MessageRenderer.bundled(
                            "https://shop.example", (it.attimo.core.message.CustomerLinkToken) null)
                    .render(new it.attimo.core.message.MessageInput(
                            "c-1",
                            "post-purchase",
                            "welcome",
                            Channel.EMAIL,
                            "service",
                            message.messageKey(),
                            it.attimo.core.customer.Segment.B2C,
                            "Nord-ovest",
                            "formale",
                            null,
                            null,
                            java.util.Map.of(),
                            null)));

            assertThatThrownBy(() -> {
                        try {
                            gateway.send(rendered);
                        } catch (RuntimeException e) {
                            throw JourneyErrors.named(e);
                        }
                    })
                    .isInstanceOf(Transient.class)
                    .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo("Attimo.Transient"));
            assertThat(faults.attempts("SesV2.SendEmail")).hasSize(AwsClients.MAX_ATTEMPTS);
        }
    }
}
