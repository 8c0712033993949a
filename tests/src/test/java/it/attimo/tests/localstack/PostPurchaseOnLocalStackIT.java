package it.attimo.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micronaut.context.ApplicationContext;
import it.attimo.aws.config.AwsClients;
import it.attimo.aws.dynamo.AttimoTables;
import it.attimo.core.calendar.ItalianCalendar;
import it.attimo.core.customer.JourneyRun;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.geo.CustomerLocation;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.core.journey.ExecutionNames;
import it.attimo.core.port.ProfileStore;
import it.attimo.function.ingest.IngestHandler;
import it.attimo.function.score.ScoreHandler;
import it.attimo.local.SamTemplate;
import it.attimo.local.cli.ProjectPaths;
import it.attimo.local.http.ApiGatewayEvents;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The post-purchase scenario of {@code PostPurchaseEndToEndIT} on LocalStack (Testcontainers): the DynamoDB, SQS FIFO,
 * SSM, Lambda and Step Functions APIs as LocalStack emulates them, with the deployed artefacts. The journey function runs as a java21 Lambda
 * from {@code functions/journey/target/function.jar} (handler and state machine substitutions read from
 * template.yaml), the state machine is {@code statemachines/post-purchase.asl.json} as deployed, and the ingest and
 * score handlers run in this JVM on a Micronaut context whose {@code attimo.aws.*} settings point at LocalStack, fed
 * the way API Gateway and the SQS event source mapping would feed them. A signed {@code order.delivered} for a Milano
 * customer, posted five times, must start exactly one execution, which must reach its first {@code Wait} with a
 * {@code sendAt} at an allowed local time, and the customer's profile must be in DynamoDB.
 *
 * <p>Why not the whole 72 hours: Step Functions {@code Wait} states on LocalStack run on the wall clock, exactly as on
 * AWS, so the tutorial (+24 h) and the survey (up to +72 h) would take three real days. What happens after the first
 * wait (each dispatch once, at allowed local times, no holiday, nothing lost or duplicated across a restart) is
 * covered by {@code PostPurchaseEndToEndIT} on the embedded stack, whose in-process executor runs the same ASL file on
 * a virtual clock, and by the local/sfn conformance suite; this suite proves that the deployed pieces (jar, handler
 * name, environment, ASL with the template's substitutions, Step Functions calling the Lambda) fit together on those
 * APIs. IAM is not enforced on LocalStack, so the template's policies are not exercised here.
 *
 * <p>Needs a Docker engine (LocalStack starts the Lambda's own container through the mounted Docker socket); without
 * one the class is skipped with the reason. The image is {@code localstack/localstack:4.14.0}, the last release that
 * starts without an account; set {@code -Dattimo.localstack.image=...} and {@code LOCALSTACK_AUTH_TOKEN} to use a
 * newer one.
 */
@EnabledIf(value = "dockerIsAvailable", disabledReason = PostPurchaseOnLocalStackIT.SKIPPED)
@Testcontainers(disabledWithoutDocker = true)
class PostPurchaseOnLocalStackIT {
    static final String SKIPPED =
            "no Docker engine: LocalStack suite skipped (PostPurchaseEndToEndIT covers the scenario in process)";
    private static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";
    private static final String REGION = SamTemplate.REGION;
    /** LocalStack's default account, which any access key that is not a 12-digit number maps to */
    private static final String ACCOUNT = "000000000000";
    /** LocalStack does not enforce IAM: the roles are named, not created (template.yaml holds the real policies). */
    private static final String FUNCTION_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/attimo-journey-function";

    private static final String STATE_MACHINE_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/attimo-post-purchase";
    /** How a container that LocalStack started (the Lambda) reaches LocalStack itself. */
    private static final String ENDPOINT_FROM_LAMBDA = "http://localhost.localstack.cloud:4566";

    private static final String PREFIX = "attimo-ls";
    private static final String QUEUE = PREFIX + "-events.fifo";
    private static final String DLQ = PREFIX + "-events-dlq.fifo";
    private static final String FUNCTION = PREFIX + "-journey";
    private static final String STATE_MACHINE = PREFIX + "-post-purchase";
    private static final String JOURNEY = "post-purchase";
    private static final String WEBHOOK_PARAM = "/attimo/webhook-secret";
    private static final String HUBSPOT_PARAM = "/attimo/hubspot-client-secret";
    private static final String SECRET = "localstack-it-secret";

    private static final String CUSTOMER = "ls-milano-1";
    private static final String MILANO = "015146";
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** LocalStack's waits run on the wall clock, so the scenario does too. */
    private static final Clock WALL = Clock.systemUTC();

    private static LocalStackContainer localstack;
    private static ApplicationContext context;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static SfnClient sfn;
    private static LambdaClient lambda;
    private static String queueUrl;
    private static String stateMachineArn;
    private static IngestHandler ingest;
    private static ScoreHandler score;
    private static CustomerEvent delivered;
    private static int firstDrain;
    /** every message body the score function was given, in order */
    private static final List<String> scoredBodies = new ArrayList<>();

    /** Also says so on the console: Surefire and Failsafe print a skip's reason only in their XML reports. */
    static boolean dockerIsAvailable() {
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        if (!available) System.err.println(PostPurchaseOnLocalStackIT.class.getSimpleName() + ": " + SKIPPED);
        return available;
    }

    @BeforeAll
    static void deployAndRunTheScenario() throws IOException {
        Path home = ProjectPaths.home();
        Path jar = home.resolve("functions/journey/target/function.jar");
        assertThat(jar)
                .as("the journey function's jar (build it with ./mvnw -DskipTests package)")
                .isRegularFile();

        localstack = new LocalStackContainer(
                        DockerImageName.parse(System.getProperty("attimo.localstack.image", DEFAULT_IMAGE))
                                .asCompatibleSubstituteFor("localstack/localstack"))
                .withServices(
                        LocalStackContainer.Service.DYNAMODB,
                        LocalStackContainer.Service.SQS,
                        LocalStackContainer.Service.STEPFUNCTIONS,
                        LocalStackContainer.Service.LAMBDA,
                        LocalStackContainer.Service.SSM)
                // a Micronaut function's first start in a fresh container takes longer than LocalStack's 10 s default
                .withEnv("LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT", "120")
                .withStartupTimeout(Duration.ofMinutes(3));
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) localstack.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        localstack.start();
        String endpoint = localstack.getEndpoint().toString();

        dynamo = AwsClients.build(DynamoDbClient.builder(), REGION, endpoint);
        sqs = AwsClients.build(SqsClient.builder(), REGION, endpoint);
        sfn = AwsClients.build(SfnClient.builder(), REGION, endpoint);
        lambda = LambdaClient.builder()
                // a synchronous invoke waits for the Lambda's cold start, longer than AwsClients' 30 s socket timeout
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(3)))
                .region(Region.of(REGION))
                .endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();

        AttimoTables.createAll(dynamo, PREFIX);
        queueUrl = createQueues();
        putSecrets(endpoint);
        SamTemplate template = SamTemplate.read(home.resolve("template.yaml"));
        String functionArn = deployJourneyFunction(template, Files.readAllBytes(jar));
        stateMachineArn = createStateMachine(template, home, functionArn);

        context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments("localstack")
                .properties(handlerProperties(endpoint))
                .start();
        ingest = new IngestHandler(context);
        score = new ScoreHandler(context);

        Instant now = WALL.instant().truncatedTo(ChronoUnit.SECONDS);
        delivered = new CustomerEvent(
                "del-ls-order-1", "localstack-it", "order.delivered", CUSTOMER, now, Map.of("orderId", "ls-order-1"));
        postEvents(List.of(upsert(now.minus(Duration.ofDays(10))), delivered));
        firstDrain = drainQueueIntoScoreHandler();
        // four more copies, the last twice in one batch: within FIFO's 5-minute window SQS itself drops them
        for (int i = 0; i < 3; i++) postEvents(List.of(delivered));
        postEvents(List.of(delivered, delivered));
        drainQueueIntoScoreHandler();
        // and a redelivery after that window (or after a lost delete) reaches the score function itself
        String deliveredBody = scoredBodies.stream()
                .filter(b -> b.contains(delivered.id()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("order.delivered never reached the score function"));
        assertNoBatchFailures(score.execute(sqsEvent(List.of(new SqsRecord("redelivery-1", deliveredBody)))));
    }

    @AfterAll
    static void tearDown() {
        if (context != null) context.close();
        for (AutoCloseable c : new AutoCloseable[] {lambda, sfn, sqs, dynamo}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // closing a client never matters to the outcome
            }
        }
        if (localstack != null) localstack.stop();
    }

    @Test
    void fiveCopiesOfTheEventStartExactlyOneExecution() {
        assertThat(firstDrain)
                .as("the upsert and the first order.delivered reach the score function")
                .isEqualTo(2);
        List<ExecutionListItem> executions =
                sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions();
        assertThat(executions)
                .extracting(ExecutionListItem::name)
                .containsExactly(ExecutionNames.forTrigger(JOURNEY, CUSTOMER, delivered.id()));
        DescribeExecutionResponse execution =
                sfn.describeExecution(b -> b.executionArn(executions.get(0).executionArn()));
        assertThat(execution.input())
                .as("ids only in state-machine input")
                .contains(CUSTOMER)
                .doesNotContain("@");
    }

    @Test
    void theJourneyReachesItsFirstWaitWithAnAllowedSendTime() throws IOException {
        String executionArn = await("the execution to enter WaitForWelcome", Duration.ofMinutes(3), () -> {
            String arn = onlyExecutionArn();
            if (arn == null) return Optional.empty();
            List<HistoryEvent> history = history(arn);
            if (history.stream().anyMatch(PostPurchaseOnLocalStackIT::entersWelcomeWait)) return Optional.of(arn);
            failIfBroken(arn, history);
            return Optional.empty();
        });

        HistoryEvent wait = history(executionArn).stream()
                .filter(PostPurchaseOnLocalStackIT::entersWelcomeWait)
                .findFirst()
                .orElseThrow();
        JsonNode plan = JSON.readTree(wait.stateEnteredEventDetails().input())
                .path("steps")
                .path("welcome")
                .path("plan");
        assertThat(plan.path("skipped").asBoolean()).as(plan.toString()).isFalse();
        Instant sendAt = Instant.parse(plan.path("sendAt").asText());
        assertThat(sendAt).as("not before the delivery").isAfterOrEqualTo(delivered.time());
        assertAllowedEmailTime(sendAt);
        assertThat(LocalDateTime.parse(plan.path("localTime").asText()))
                .isEqualTo(LocalDateTime.ofInstant(sendAt, ROME));
        // the next waits are a day or more away: still running, whether or not the welcome already went out
        assertThat(sfn.describeExecution(b -> b.executionArn(executionArn)).status())
                .isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void theProfileIsInDynamoDb() {
        Profile profile = context.getBean(ProfileStore.class)
                .find(CUSTOMER)
                .orElseThrow(() -> new AssertionError(
                        "no profile for " + CUSTOMER + " in " + AttimoTables.name(PREFIX, AttimoTables.PROFILES)));
        assertThat(profile.location().comuneCode()).isEqualTo(MILANO);
        assertThat(profile.location().region()).isEqualTo("Lombardia");
        assertThat(profile.eventCounts()).containsEntry("order.delivered", 1);
        assertThat(profile.journeys())
                .extracting(JourneyRun::journey, JourneyRun::executionName)
                .containsExactly(tuple(JOURNEY, ExecutionNames.forTrigger(JOURNEY, CUSTOMER, delivered.id())));
    }

    // ---- deployment ---------------------------------------------------------------------------------------

    private static String createQueues() {
        String dlqUrl = sqs.createQueue(b -> b.queueName(DLQ).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                .queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        // as template.yaml's EventsQueue: dedup id = event id (set by the ingest function), redrive after 5 receives
        return sqs.createQueue(b -> b.queueName(QUEUE)
                        .attributes(Map.of(
                                QueueAttributeName.FIFO_QUEUE,
                                "true",
                                QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                                "false",
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                "180",
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"5\"}")))
                .queueUrl();
    }

    private static void putSecrets(String endpoint) {
        try (SsmClient ssm = AwsClients.build(SsmClient.builder(), REGION, endpoint)) {
            ssm.putParameter(
                    b -> b.name(WEBHOOK_PARAM).type(ParameterType.SECURE_STRING).value(SECRET));
            ssm.putParameter(
                    b -> b.name(HUBSPOT_PARAM).type(ParameterType.SECURE_STRING).value("unused-here"));
        }
    }

    /** The journey function as template.yaml deploys it, with its endpoints pointed back at LocalStack. */
    private static String deployJourneyFunction(SamTemplate template, byte[] jar) {
        String handler = template.functionHandlers().get("JourneyFunction");
        assertThat(handler).as("JourneyFunction's Handler in template.yaml").isNotBlank();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("ATTIMO_TABLE_PREFIX", PREFIX);
        environment.put("ATTIMO_CHANNEL_MODE", "outbox"); // the template's "aws" would call SES and SNS
        environment.put("ATTIMO_SES_FROM_ADDRESS", "journeys@example.invalid");
        environment.put("ATTIMO_SMS_SENDER_ID", "Attimo");
        environment.put("ATTIMO_AWS_REGION", REGION);
        environment.put("ATTIMO_AWS_ENDPOINT", ENDPOINT_FROM_LAMBDA);
        String arn = lambda.createFunction(b -> b.functionName(FUNCTION)
                        .runtime(Runtime.JAVA21)
                        .handler(handler)
                        .role(FUNCTION_ROLE)
                        .memorySize(1024)
                        .timeout(60)
                        .environment(e -> e.variables(environment))
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(jar))))
                .functionArn();
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(FUNCTION));

        // one direct call first: it pays the cold start and proves the function reaches DynamoDB from its container
        Map<String, Object> probe = Map.of(
                "action",
                "plan",
                "customerId",
                "ls-nobody",
                "journey",
                JOURNEY,
                "step",
                "welcome",
                "channel",
                "email",
                "kind",
                "service",
                "anchor",
                WALL.instant().toString(),
                "offset",
                "PT0S",
                "window",
                "PT1H");
        InvokeResponse reply = lambda.invoke(
                b -> b.functionName(FUNCTION).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(toJson(probe))));
        String log = reply.logResult() == null
                ? ""
                : new String(Base64.getDecoder().decode(reply.logResult()), StandardCharsets.UTF_8);
        assertThat(reply.functionError())
                .as("journey function error: " + reply.payload().asUtf8String() + "\n" + log)
                .isNull();
        assertThat(readJson(reply.payload().asUtf8String()).path("skipped").asBoolean())
                .as("a plan for an unknown customer is skipped: "
                        + reply.payload().asUtf8String())
                .isTrue();
        return arn;
    }

    /** statemachines/post-purchase.asl.json with template.yaml's DefinitionSubstitutions, the Lambda ARN replaced. */
    private static String createStateMachine(SamTemplate template, Path home, String functionArn) throws IOException {
        SamTemplate.StateMachine machine = template.stateMachines().stream()
                .filter(m -> m.definitionUri().endsWith(JOURNEY + ".asl.json"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("template.yaml has no " + JOURNEY + " state machine"));
        Map<String, String> substitutions = new LinkedHashMap<>(machine.substitutions());
        substitutions.put("JourneyFunctionArn", functionArn);
        String definition = Files.readString(home.resolve(machine.definitionUri()), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> s : substitutions.entrySet()) {
            definition = definition.replace("${" + s.getKey() + "}", s.getValue());
        }
        assertThat(definition).as("every ${...} has a substitution").doesNotContain("${");
        String asl = definition;
        return sfn.createStateMachine(b -> b.name(STATE_MACHINE)
                        .type(StateMachineType.STANDARD)
                        .roleArn(STATE_MACHINE_ROLE)
                        .definition(asl))
                .stateMachineArn();
    }

    /** What the ingest and score functions' environment holds on AWS, as Micronaut properties. */
    private static Map<String, Object> handlerProperties(String endpoint) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("attimo.aws.region", REGION);
        p.put("attimo.aws.endpoint", endpoint);
        p.put("attimo.table.prefix", PREFIX);
        p.put("attimo.events.queue.url", queueUrl);
        p.put("attimo.state.machine.arns", JOURNEY + "=" + stateMachineArn);
        p.put("attimo.secrets.source", "ssm");
        p.put("attimo.webhook.secret.param", WEBHOOK_PARAM);
        p.put("attimo.hubspot.secret.param", HUBSPOT_PARAM);
        return p;
    }

    // ---- the scenario's moves -----------------------------------------------------------------------------

    /** POST /events as API Gateway hands it to the ingest function, signed now by the wall clock. */
    private static void postEvents(List<CustomerEvent> events) {
        ArrayNode batch = JSON.createArrayNode();
        events.forEach(e -> batch.add(CloudEventJson.toNode(e)));
        byte[] body = batch.toString().getBytes(StandardCharsets.UTF_8);
        long timestamp = WALL.millis();
        Map<String, List<String>> headers = Map.of(
                "Content-Type",
                List.of("application/cloudevents-batch+json"),
                AttimoSignatureVerifier.TIMESTAMP_HEADER,
                List.of(Long.toString(timestamp)),
                AttimoSignatureVerifier.SIGNATURE_HEADER,
                List.of(AttimoSignatureVerifier.sign(SECRET, timestamp, body)));
        APIGatewayV2HTTPResponse response = ingest.execute(ApiGatewayEvents.build(
                "POST", "/events", null, "POST /events", headers, body, null, "127.0.0.1", WALL.instant()));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(readJson(response.getBody()).path("rejected").asInt())
                .as(response.getBody())
                .isZero();
    }

    /** The SQS event source mapping's job: batches of up to 10 into the score function, delete what it accepted. */
    private static int drainQueueIntoScoreHandler() {
        int processed = 0;
        Instant deadline = WALL.instant().plus(Duration.ofMinutes(1));
        while (WALL.instant().isBefore(deadline)) {
            List<Message> batch = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (batch.isEmpty()) {
                if (queueIsEmpty()) return processed;
                continue;
            }
            List<SqsRecord> records = batch.stream()
                    .map(m -> new SqsRecord(m.messageId(), m.body()))
                    .toList();
            records.forEach(r -> scoredBodies.add(r.body()));
            assertNoBatchFailures(score.execute(sqsEvent(records)));
            for (Message m : batch) sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            processed += batch.size();
        }
        return fail("the events queue did not drain within a minute");
    }

    private static boolean queueIsEmpty() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private record SqsRecord(String messageId, String body) {}

    private static SQSEvent sqsEvent(List<SqsRecord> records) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (SqsRecord r : records) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(r.messageId());
            m.setBody(r.body());
            m.setEventSource("aws:sqs");
            messages.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    private static void assertNoBatchFailures(SQSBatchResponse response) {
        assertThat(response.getBatchItemFailures())
                .as("messages the score function asks SQS to redeliver")
                .isEmpty();
    }

    private static CustomerEvent upsert(Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("segment", "b2c");
        data.put("comune", MILANO);
        data.put("email", CUSTOMER + "@example.invalid");
        data.put("locale", "it-IT");
        data.put("consent", Map.of("email", true, "sms", false));
        return new CustomerEvent("up-" + CUSTOMER, "localstack-it", "customer.upserted", CUSTOMER, at, data);
    }

    // ---- observing Step Functions -------------------------------------------------------------------------

    private static String onlyExecutionArn() {
        List<ExecutionListItem> executions =
                sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions();
        return executions.size() == 1 ? executions.get(0).executionArn() : null;
    }

    private static List<HistoryEvent> history(String executionArn) {
        return sfn.getExecutionHistory(b -> b.executionArn(executionArn).maxResults(1000))
                .events();
    }

    private static boolean entersWelcomeWait(HistoryEvent e) {
        return e.type() == HistoryEventType.WAIT_STATE_ENTERED
                && "WaitForWelcome".equals(e.stateEnteredEventDetails().name());
    }

    /** A failed Lambda task or a finished execution before the first wait will never reach it: say why at once. */
    private static void failIfBroken(String executionArn, List<HistoryEvent> history) {
        boolean broken = history.stream()
                .anyMatch(e -> e.type() == HistoryEventType.LAMBDA_FUNCTION_FAILED
                        || e.type() == HistoryEventType.TASK_FAILED
                        || e.type() == HistoryEventType.EXECUTION_FAILED
                        || e.type() == HistoryEventType.EXECUTION_ABORTED
                        || e.type() == HistoryEventType.EXECUTION_SUCCEEDED);
        if (broken) {
            StringBuilder story = new StringBuilder();
            history.forEach(e -> story.append('\n').append(e));
            fail("execution " + executionArn + " went wrong before its first wait:" + story);
        }
    }

    /** Polls until the probe answers or the deadline passes (LocalStack works asynchronously, in real time). */
    private static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
        Instant deadline = WALL.instant().plus(timeout);
        while (true) {
            Optional<T> answer = probe.get();
            if (answer.isPresent()) return answer.get();
            if (WALL.instant().isAfter(deadline)) return fail("timed out after " + timeout + " waiting for " + what);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted while waiting for " + what);
            }
        }
    }

    /** Email window 09:30-14:00 in Milan, and never on a national holiday or Milan's patron day. */
    private static void assertAllowedEmailTime(Instant sendAt) {
        LocalDateTime local = LocalDateTime.ofInstant(sendAt, ROME);
        assertThat(local.toLocalTime())
                .as("local time of " + sendAt)
                .isBetween(LocalTime.of(9, 30), LocalTime.of(14, 0));
        CustomerLocation milano = CustomerLocation.of(ComuneDirectory.bundled().requireCode(MILANO));
        assertThat(ItalianCalendar.bundled()
                        .statusOf(local.toLocalDate(), milano, Segment.B2C)
                        .isHoliday())
                .as(local.toLocalDate() + " is a holiday in Milan")
                .isFalse();
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
