package it.attimo.aws.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.ApplicationContext;
import it.attimo.aws.channel.DynamoOutboxChannel;
import it.attimo.aws.channel.OutboxMessage;
import it.attimo.aws.http.HttpApiResponse;
import it.attimo.aws.http.HttpErrorMapper;
import it.attimo.aws.http.IngestHttp;
import it.attimo.aws.journey.JourneyStepPayloads;
import it.attimo.aws.lambda.ApiGatewayMapping;
import it.attimo.aws.testing.LocalDynamo;
import it.attimo.aws.testing.LocalSqs;
import it.attimo.core.customer.Profile;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.core.ingest.IngestEvents;
import it.attimo.core.journey.JourneySteps;
import it.attimo.core.port.JourneyRuntime;
import it.attimo.core.port.ProfileStore;
import it.attimo.core.profile.InboundMessage;
import it.attimo.core.profile.ProcessCustomerEvents;
import it.attimo.core.testing.Events;
import it.attimo.core.testing.MutableClock;
import it.attimo.core.testing.RecordingJourneyRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The factory's wiring against real DynamoDB Local and ElasticMQ: one signed event goes through ingest, the queue,
 * event processing and a journey's plan and dispatch, ending in the outbox.
 */
class AttimoWiringIT {
    static final String SECRET = "wiring-secret";
    static LocalSqs sqs;
    static ApplicationContext ctx;
    static String queueUrl;
    static final MutableClock clock = MutableClock.at("2026-06-10T08:00:00Z");
    static final RecordingJourneyRuntime journeys = new RecordingJourneyRuntime();

    @BeforeAll
    static void start() {
        sqs = LocalSqs.start();
        queueUrl = sqs.createFifoQueue("wiring");
        LocalDynamo dynamo = LocalDynamo.shared();
        Map<String, Object> properties = new HashMap<>();
        properties.put("attimo.aws.dynamodb.endpoint", dynamo.endpoint());
        properties.put("attimo.aws.sqs.endpoint", sqs.endpoint());
        properties.put("attimo.table.prefix", dynamo.freshTables("wiring"));
        properties.put("attimo.events.queue.url", queueUrl);
        properties.put("attimo.channel.mode", "outbox");
        properties.put("attimo.journeys.runtime", "local");
        properties.put("attimo.secrets.source", "env");
        properties.put("attimo.secrets.webhook", SECRET);
        properties.put("attimo.public.base-url", "https://negozio.example/");
        ctx = ApplicationContext.builder().properties(properties).build();
        ctx.registerSingleton(Clock.class, clock);
        ctx.registerSingleton(JourneyRuntime.class, journeys);
        ctx.start();
    }

    @AfterAll
    static void stop() {
        ctx.close();
        sqs.close();
    }

    static APIGatewayV2HTTPEvent signedPost(String body) {
        long ts = System.currentTimeMillis(); // signatures are judged on the wall clock, not the virtual one
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", Events.BATCH);
        headers.put("host", "api.attimo.example");
        headers.put("x-attimo-timestamp", Long.toString(ts));
        headers.put("x-attimo-signature", AttimoSignatureVerifier.sign(SECRET, ts, bytes));
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath("/events")
                .withRawQueryString("")
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST")
                                .withPath("/events")
                                .build())
                        .build())
                .build();
    }

    static List<InboundMessage> receive(int expected) {
        List<InboundMessage> messages = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (messages.size() < expected && Instant.now().isBefore(deadline)) {
            for (Message m : sqs.client()
                    .receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                messages.add(new InboundMessage(m.messageId(), m.body()));
                sqs.client().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        return messages;
    }

    @Test
    void aSignedOrderDeliveredReachesTheProfileTheJourneyAndTheOutbox() {
        String customer = "c-milano";
        String body = Events.batchJson(List.of(
                Events.event("customer.upserted", customer)
                        .id("u-1")
                        .at("2026-06-10T07:00:00Z")
                        .data("email", "giulia@example.it")
                        .data("comune", "015146")
                        .data("segment", "b2c")
                        .data("consent", Map.of("email", true))
                        .build(),
                Events.event("order.delivered", customer)
                        .id("d-1")
                        .at("2026-06-10T07:30:00Z")
                        .data("orderId", "o-1")
                        .build()));

        HttpApiResponse accepted = ingest(signedPost(body));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

        List<InboundMessage> queued = receive(2);
        assertThat(queued).hasSize(2);
        assertThat(ctx.getBean(ProcessCustomerEvents.class).process(queued)).isEmpty();

        Profile profile = ctx.getBean(ProfileStore.class).find(customer).orElseThrow();
        assertThat(profile.location().region()).isEqualTo("Lombardia");
        assertThat(journeys.executions())
                .extracting(RecordingJourneyRuntime.Execution::journey)
                .containsExactly("post-purchase");

        JourneySteps steps = ctx.getBean(JourneySteps.class);
        Map<String, Object> plan = steps.handle(JourneyStepPayloads.parse(Map.of(
                "action",
                "plan",
                "customerId",
                customer,
                "journey",
                "post-purchase",
                "step",
                "welcome",
                "channel",
                "email",
                "kind",
                "service",
                "anchor",
                "2026-06-10T07:30:00Z",
                "offset",
                "PT0S",
                "window",
                "PT24H")));
        assertThat(plan).containsEntry("skipped", false).containsKey("sendAt");

        clock.set(Instant.parse(plan.get("sendAt").toString()));
        String executionName = journeys.executions().get(0).executionName();
        Map<String, Object> dispatch = new HashMap<>(Map.of(
                "action",
                "dispatch",
                "customerId",
                customer,
                "journey",
                "post-purchase",
                "step",
                "welcome",
                "channel",
                "email",
                "kind",
                "service",
                "executionId",
                "arn:aws:states:eu-south-1:1:execution:post-purchase:" + executionName));
        assertThat(steps.handle(JourneyStepPayloads.parse(dispatch))).containsEntry("status", "sent");
        assertThat(steps.handle(JourneyStepPayloads.parse(dispatch))).containsEntry("status", "duplicate");

        List<OutboxMessage> outbox = ctx.getBean(DynamoOutboxChannel.class).forCustomer(customer);
        assertThat(outbox).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo("email");
            assertThat(m.journey()).isEqualTo("post-purchase");
            assertThat(m.step()).isEqualTo("welcome");
            assertThat(m.template()).isEqualTo("post-purchase.welcome");
            assertThat(m.subject()).isNotBlank();
            assertThat(m.text()).startsWith(m.tone().equals("formale") ? "Buongiorno" : "Ciao");
            assertThat(m.links()).containsKeys("video", "guide", "support", "qr");
            assertThat(m.links().values()).allSatisfy(url -> assertThat(url).startsWith("https://negozio.example/"));
        });
    }

    @Test
    void aForgedSignatureStoresNothing() {
        APIGatewayV2HTTPEvent forged = signedPost("[]");
        forged.getHeaders().put("x-attimo-signature", "sha256=" + "0".repeat(64));
        assertThat(ingest(forged).status()).isEqualTo(401);
    }

    static HttpApiResponse ingest(APIGatewayV2HTTPEvent event) {
        return HttpErrorMapper.respond(
                () -> IngestHttp.cloudEvents(ctx.getBean(IngestEvents.class), ApiGatewayMapping.toRequest(event)));
    }
}
