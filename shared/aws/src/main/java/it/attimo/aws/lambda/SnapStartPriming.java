package it.attimo.aws.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import it.attimo.aws.config.DryRunInterceptor;
import it.attimo.aws.json.ProfileJson;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.json.Json;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * What a function does before its SnapStart snapshot ({@code beforeCheckpoint}): walks the SDK calls it makes through
 * each client it ships as dry runs (marshalled, never signed or sent: no credentials used, no connection opened, so
 * none is carried across the snapshot), warms Jackson on the shapes it reads and writes (CloudEvents, profiles, the
 * handler's own JSON mapper) and runs the handler's own warm-up. Never throws: what went wrong is in the report.
 */
public final class SnapStartPriming {
    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class.getName());
    /** A CloudEvent with no personal data, for warm-ups. */
    public static final String SAMPLE_EVENT = "{\"specversion\":\"1.0\",\"id\":\"priming-1\",\"source\":\"priming\","
            + "\"type\":\"portal.accessed\",\"subject\":\"priming\",\"time\":\"2026-01-01T00:00:00Z\","
            + "\"data\":{\"formId\":\"f\",\"total\":1.5}}";

    /**
     * @param marshalled SDK operations walked through as dry runs
     * @param transmitted HTTP attempts during priming (0: no connection was opened)
     * @param classesLoaded classes the JVM loaded while priming
     * @param handlerWarmedUp whether the handler's own warm-up ran to its end
     */
    public record Report(
            List<String> marshalled,
            int transmitted,
            long classesLoaded,
            long millis,
            boolean handlerWarmedUp,
            List<String> problems) {}

    private SnapStartPriming() {}

    public static Report prime(ApplicationContext context, Runnable handlerWarmUp) {
        long t0 = System.nanoTime();
        long classesBefore = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        List<String> problems = new ArrayList<>();
        warmJson(context, problems);
        boolean warmedUp = false;
        try {
            handlerWarmUp.run();
            warmedUp = true;
        } catch (RuntimeException e) {
            problems.add("handler warm-up: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        List<Runnable> calls = new ArrayList<>();
        ClassLoader loader = SnapStartPriming.class.getClassLoader();
        if (present(loader, "software.amazon.awssdk.services.dynamodb.DynamoDbClient")) {
            calls.addAll(DryRunCalls.dynamo(context));
        }
        if (present(loader, "software.amazon.awssdk.services.sqs.SqsClient")) calls.addAll(DryRunCalls.sqs(context));
        if (present(loader, "software.amazon.awssdk.services.sfn.SfnClient")) calls.addAll(DryRunCalls.sfn(context));
        if (present(loader, "software.amazon.awssdk.services.sesv2.SesV2Client")) {
            calls.addAll(DryRunCalls.ses(context));
        }
        if (present(loader, "software.amazon.awssdk.services.sns.SnsClient")) calls.addAll(DryRunCalls.sns(context));
        if (present(loader, "software.amazon.awssdk.services.scheduler.SchedulerClient")) {
            calls.addAll(DryRunCalls.scheduler(context));
        }
        DryRunInterceptor.DryRun run = DryRunInterceptor.dryRun(calls, problems);
        Report report = new Report(
                run.marshalled(),
                run.transmitted(),
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() - classesBefore,
                (System.nanoTime() - t0) / 1_000_000,
                warmedUp,
                List.copyOf(problems));
        LOG.info(() -> "SnapStart priming: " + report.marshalled().size() + " SDK operations, "
                + report.classesLoaded() + " classes, " + report.millis() + " ms"
                + (report.problems().isEmpty() ? "" : ", problems " + report.problems()));
        return report;
    }

    private static void warmJson(ApplicationContext context, List<String> problems) {
        try {
            CustomerEvent event = CloudEventJson.fromNode(Json.parse(SAMPLE_EVENT));
            CloudEventJson.fromJson(CloudEventJson.toJson(event));
            ProfileJson.read(ProfileJson.write(Profile.empty("priming")));
            Optional<ObjectMapper> mapper = context.findBean(ObjectMapper.class);
            if (mapper.isPresent()) {
                byte[] bytes = mapper.get().writeValueAsBytes(Map.of("statusCode", 202, "body", SAMPLE_EVENT));
                mapper.get().readValue(bytes, Map.class);
            }
        } catch (Exception e) {
            problems.add("json: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static boolean present(ClassLoader loader, String className) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** One list per SDK, each in its own method so an SDK a jar does not ship is never linked. */
    static final class DryRunCalls {
        private DryRunCalls() {}

        private static <C> List<Runnable> with(ApplicationContext context, Class<C> type, List<Function<C, ?>> calls) {
            Optional<C> client = context.findBean(type);
            if (client.isEmpty()) return List.of();
            List<Runnable> out = new ArrayList<>();
            for (Function<C, ?> call : calls) out.add(() -> call.apply(client.get()));
            return out;
        }

        static List<Runnable> dynamo(ApplicationContext context) {
            var key = Map.of(
                    "customerId",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("priming"),
                    "eventId",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("priming"));
            return with(
                    context,
                    software.amazon.awssdk.services.dynamodb.DynamoDbClient.class,
                    List.of(
                            c -> c.getItem(b -> b.tableName("priming").key(key).consistentRead(true)),
                            c -> c.query(b -> b.tableName("priming")
                                    .keyConditionExpression("customerId = :c")
                                    .expressionAttributeValues(Map.of(":c", key.get("customerId")))),
                            c -> c.putItem(b -> b.tableName("priming")
                                    .item(key)
                                    .conditionExpression("attribute_not_exists(eventId)")),
                            c -> c.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName("priming")
                                    .item(key)
                                    .conditionExpression("attribute_not_exists(eventId)")))),
                            c -> c.updateItem(b -> b.tableName("priming").key(key)),
                            c -> c.deleteItem(b -> b.tableName("priming").key(key))));
        }

        static List<Runnable> sqs(ApplicationContext context) {
            return with(
                    context,
                    software.amazon.awssdk.services.sqs.SqsClient.class,
                    List.of(c -> c.sendMessageBatch(b -> b.queueUrl("http://priming/q.fifo")
                            .entries(e -> e.id("0")
                                    .messageBody(SAMPLE_EVENT)
                                    .messageGroupId("g")
                                    .messageDeduplicationId("d")))));
        }

        static List<Runnable> sfn(ApplicationContext context) {
            return with(
                    context,
                    software.amazon.awssdk.services.sfn.SfnClient.class,
                    List.of(
                            c -> c.startExecution(b -> b.stateMachineArn(
                                            "arn:aws:states:eu-south-1:123456789012:stateMachine:priming")
                                    .name("priming")
                                    .input("{}")),
                            c -> c.sendTaskSuccess(b -> b.taskToken("priming").output("{}"))));
        }

        static List<Runnable> ses(ApplicationContext context) {
            return with(
                    context,
                    software.amazon.awssdk.services.sesv2.SesV2Client.class,
                    List.of(c -> c.sendEmail(b -> b.fromEmailAddress("priming@example.invalid")
                            .destination(d -> d.toAddresses("priming@example.invalid"))
                            .content(x -> x.simple(m -> m.subject(s -> s.data("priming"))
                                    .body(body -> body.text(t -> t.data("priming"))))))));
        }

        static List<Runnable> sns(ApplicationContext context) {
            return with(
                    context,
                    software.amazon.awssdk.services.sns.SnsClient.class,
                    List.of(c -> c.publish(b -> b.phoneNumber("+390000000000").message("priming"))));
        }

        static List<Runnable> scheduler(ApplicationContext context) {
            return with(
                    context,
                    software.amazon.awssdk.services.scheduler.SchedulerClient.class,
                    List.of(c -> c.createSchedule(b -> b.name("priming")
                            .scheduleExpression("at(2026-01-01T00:00:00)")
                            .flexibleTimeWindow(f -> f.mode("OFF"))
                            .target(t -> t.arn("arn:aws:lambda:eu-south-1:123456789012:function:priming")
                                    .roleArn("arn:aws:iam::123456789012:role/priming")))));
        }
    }
}
