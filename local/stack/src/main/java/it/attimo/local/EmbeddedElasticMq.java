package it.attimo.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.DeduplicationId;
import org.elasticmq.DefaultVisibilityTimeout$;
import org.elasticmq.DeliveryReceipt;
import org.elasticmq.ImmediateNextDelivery$;
import org.elasticmq.MessageContent;
import org.elasticmq.MessageData;
import org.elasticmq.NewMessageData;
import org.elasticmq.OnDateTimeReceived;
import org.elasticmq.QueueStatistics;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.msg.DeleteMessage;
import org.elasticmq.msg.GetQueueStatistics;
import org.elasticmq.msg.LookupQueue;
import org.elasticmq.msg.ReceiveMessages;
import org.elasticmq.msg.SendMessage;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.collection.immutable.List$;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

/**
 * ElasticMQ's SQS-compatible REST server, in process, on 127.0.0.1 and a free port.
 *
 * <p>In memory by default. Given a storage directory it uses ElasticMQ's own SQL message persistence on an H2 file
 * there: every send, receive and delete is written before ElasticMQ answers the call, so a message whose send was
 * acknowledged survives a {@code kill -9}; a restart restores the queues and their messages, the dead-letter queue
 * included. Messages that were in flight when the process died are made visible again at once (the consumer that
 * held them died with it), instead of after the queue's visibility timeout.
 */
public final class EmbeddedElasticMq implements AutoCloseable {
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);
    /** ElasticMQ's SQL persistence keeps one JDBC pool per JVM: one persistent queue server at a time. */
    private static final AtomicReference<Path> PERSISTENT = new AtomicReference<>();

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

    private final SQSRestServer server;
    private final ActorSystem actorSystem;
    private final ActorRef queueManager;
    private final NowProvider now;
    private final Path storage;
    private final URI endpoint;

    private EmbeddedElasticMq(
            SQSRestServer server,
            ActorSystem actorSystem,
            ActorRef queueManager,
            NowProvider now,
            Path storage,
            URI endpoint) {
        this.server = server;
        this.actorSystem = actorSystem;
        this.queueManager = queueManager;
        this.now = now;
        this.storage = storage;
        this.endpoint = endpoint;
    }

    /** In memory: what is queued is lost when the process ends. */
    public static EmbeddedElasticMq start() {
        ActorSystem system = ActorSystem.create("attimo-elasticmq");
        try {
            NowProvider now = new NowProvider();
            ActorRef queues = system.actorOf(
                    Props.create(QueueManagerActor.class, now, SQSRestServerBuilder.sqsLimits(), Option.empty()));
            SQSRestServer server = builder()
                    .withActorSystem(system)
                    .withQueueManagerActor(queues)
                    .start();
            return new EmbeddedElasticMq(server, system, queues, now, null, endpointOf(server));
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    /** Persistent in {@code storage} (created if missing), restoring what an earlier process left there. */
    public static EmbeddedElasticMq start(Path storage, Clock wallClock) {
        Path dir = storage.toAbsolutePath().normalize();
        if (!PERSISTENT.compareAndSet(null, dir)) {
            throw new IllegalStateException("a persistent queue is already running in this process (on "
                    + PERSISTENT.get() + "); ElasticMQ's message store is one per JVM");
        }
        ActorSystem system = null;
        try {
            Files.createDirectories(dir);
            String url = "jdbc:h2:file:" + dir.resolve("elasticmq") + ";FILE_LOCK=NO;WRITE_DELAY=0";
            releaseInFlight(url, wallClock.millis());
            // ElasticMQ opens its pool once per JVM; point it at this directory (a later stack may use another).
            ConnectionPool$ pools = ConnectionPool$.MODULE$;
            ConnectionPoolSettings settings = pools.singleton$default$4();
            pools.singleton(url, "", "", settings, pools.singleton$default$5(url, "", "", settings));
            SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "", "", false);
            system = ActorSystem.create("attimo-elasticmq");
            NowProvider now = new NowProvider();
            ActorRef persistence =
                    system.actorOf(Props.create(SqlQueuePersistenceActor.class, config, List$.MODULE$.empty()));
            ActorRef queues = system.actorOf(Props.create(
                    QueueManagerActor.class, now, SQSRestServerBuilder.sqsLimits(), Option.apply(persistence)));
            Object restored = Patterns.ask(persistence, new QueueEvent.Restore(queues), RESTORE_TIMEOUT)
                    .toCompletableFuture()
                    .get(RESTORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (restored instanceof Either<?, ?> either && either.isLeft()) {
                throw new IllegalStateException("could not restore the queues stored in " + dir + ": " + either);
            }
            SQSRestServer server = builder()
                    .withActorSystem(system)
                    .withQueueManagerActor(queues)
                    .withQueueEventListener(persistence)
                    .start();
            return new EmbeddedElasticMq(server, system, queues, now, dir, endpointOf(server));
        } catch (Exception e) {
            if (system != null) system.terminate();
            PERSISTENT.set(null);
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException("could not start the persistent queue in " + dir + ": " + e, e);
        }
    }

    private static TheSQSRestServerBuilder builder() {
        return SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion(SamTemplate.REGION)
                .withAWSAccountId(SamTemplate.ACCOUNT);
    }

    private static URI endpointOf(SQSRestServer server) {
        int port = server.waitUntilStarted().localAddress().getPort();
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * A message received but not deleted when the process died is invisible until its visibility timeout (minutes)
     * ends; nobody is processing it any more, so it becomes visible now. Its receive count stays, so a message that
     * keeps killing the process still reaches the dead-letter queue.
     */
    private static void releaseInFlight(String url, long nowMillis) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                            + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME LIKE 'MESSAGE_%'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            for (String table : tables) {
                try (PreparedStatement update = c.prepareStatement("UPDATE \"" + table.replace("\"", "")
                        + "\" SET NEXT_DELIVERY = ? WHERE RECEIVE_COUNT > 0 AND NEXT_DELIVERY > ?")) {
                    update.setLong(1, nowMillis);
                    update.setLong(2, nowMillis);
                    update.executeUpdate();
                }
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * One queue of this server reached through ElasticMQ's queue actor inside the process rather than its HTTP API,
     * for what the local stack's own machinery does many times per virtual hour (a call over loopback costs 2-5 ms,
     * an ask of the actor a few microseconds). The actor is what the HTTP API itself asks.
     */
    public Queue queue(String queueName) {
        return new Queue(queueName);
    }

    /** See {@link #queue(String)}. */
    public final class Queue {
        private final String name;

        private Queue(String name) {
            this.name = name;
        }

        /**
         * How many messages the queue holds, visible, in flight or delayed: SQS's three ApproximateNumberOfMessages*
         * attributes together.
         */
        public long messages() {
            QueueStatistics stats = (QueueStatistics) ask(actor(), new GetQueueStatistics(now.nowMillis()));
            return stats.approximateNumberOfVisibleMessages()
                    + stats.approximateNumberOfInvisibleMessages()
                    + stats.approximateNumberOfMessagesDelayed();
        }

        /**
         * Deletes received messages by receipt handle, as DeleteMessageBatch does; answers how many were deleted (a
         * handle whose receive has expired deletes nothing, and the message comes again).
         */
        public int delete(List<String> receiptHandles) {
            ActorRef queue = actor();
            List<CompletableFuture<Object>> answers = new ArrayList<>();
            for (String handle : receiptHandles) {
                answers.add(Patterns.ask(queue, new DeleteMessage(new DeliveryReceipt(handle)), ASK_TIMEOUT)
                        .toCompletableFuture());
            }
            int deleted = 0;
            for (CompletableFuture<Object> answer : answers) {
                if (!(await(answer, "DeleteMessage") instanceof Either<?, ?> either) || either.isRight()) deleted++;
            }
            return deleted;
        }

        /**
         * Receives up to {@code max} messages, waiting up to {@code wait} for the first (a long poll), as
         * ReceiveMessage with the queue's visibility timeout does: receive counts, FIFO group locks and moves to the
         * dead-letter queue happen in the queue actor, as for any receive.
         */
        public List<Received> receive(int max, Duration wait) {
            Duration timeout = wait.plus(ASK_TIMEOUT);
            Object answer = await(
                    Patterns.ask(
                                    actor(),
                                    new ReceiveMessages(
                                            DefaultVisibilityTimeout$.MODULE$, max, Option.apply(wait), Option.empty()),
                                    timeout)
                            .toCompletableFuture(),
                    "ReceiveMessages",
                    timeout);
            List<Received> out = new ArrayList<>();
            for (Object m : CollectionConverters.asJava((scala.collection.immutable.List<?>) answer)) {
                out.add(Received.of((MessageData) m));
            }
            return out;
        }

        /**
         * Sends a message to this FIFO queue as SendMessage does, with no delay and no message attributes; a
         * deduplication id seen in the last 5 minutes sends nothing (ElasticMQ's queue actor keeps that history).
         */
        public void send(String groupId, String deduplicationId, String body) {
            NewMessageData message = new NewMessageData(
                    Option.empty(),
                    new MessageContent(body),
                    scala.collection.immutable.Map$.MODULE$.empty(),
                    ImmediateNextDelivery$.MODULE$,
                    Option.apply(groupId),
                    Option.apply(new DeduplicationId(deduplicationId)),
                    0,
                    Option.empty(),
                    Option.empty(),
                    Option.empty());
            ask(actor(), new SendMessage(message));
        }

        private ActorRef actor() {
            Object found = ask(queueManager, new LookupQueue(name));
            if (!(found instanceof Option<?> queue) || queue.isEmpty()) {
                throw new IllegalStateException("no queue named " + name);
            }
            return (ActorRef) queue.get();
        }
    }

    /**
     * A received message with the system attributes SQS gives a Lambda event record (ApproximateReceiveCount,
     * SentTimestamp, ApproximateFirstReceiveTimestamp, SenderId and, on a FIFO queue, MessageGroupId,
     * MessageDeduplicationId, SequenceNumber).
     */
    public record Received(String messageId, String receiptHandle, String body, Map<String, String> attributes) {
        static Received of(MessageData m) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put(
                    "ApproximateReceiveCount", Integer.toString(m.statistics().approximateReceiveCount()));
            attributes.put(
                    "SentTimestamp", Long.toString(m.created().toInstant().toEpochMilli()));
            if (m.statistics().approximateFirstReceive() instanceof OnDateTimeReceived first) {
                attributes.put(
                        "ApproximateFirstReceiveTimestamp",
                        Long.toString(first.when().toInstant().toEpochMilli()));
            }
            attributes.put("SenderId", SamTemplate.ACCOUNT);
            if (m.messageGroupId().isDefined())
                attributes.put("MessageGroupId", m.messageGroupId().get());
            if (m.messageDeduplicationId().isDefined()) {
                Object id = m.messageDeduplicationId().get();
                attributes.put("MessageDeduplicationId", id instanceof DeduplicationId d ? d.id() : String.valueOf(id));
            }
            if (m.sequenceNumber().isDefined())
                attributes.put("SequenceNumber", m.sequenceNumber().get());
            return new Received(
                    m.id().id(),
                    m.deliveryReceipt().get().receipt(),
                    m.content().value(),
                    Map.copyOf(attributes));
        }
    }

    private static Object ask(ActorRef actor, Object message) {
        return await(
                Patterns.ask(actor, message, ASK_TIMEOUT).toCompletableFuture(),
                message.getClass().getSimpleName());
    }

    private static Object await(CompletableFuture<Object> answer, String what) {
        return await(answer, what, ASK_TIMEOUT);
    }

    private static Object await(CompletableFuture<Object> answer, String what, Duration timeout) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the queue", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the queue did not answer " + what, e);
        }
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } finally {
            actorSystem.terminate();
            try {
                actorSystem.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                System.err.println("attimo: the queue's actor system did not stop: " + e);
            }
            if (storage != null) PERSISTENT.compareAndSet(storage, null);
        }
    }
}
