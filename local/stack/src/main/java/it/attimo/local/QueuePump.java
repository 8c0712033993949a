package it.attimo.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What Lambda's SQS event source mapping does for the score function: a few pollers receive up to 10 messages,
 * hand them to the handler as one {@link SQSEvent}, delete those that succeeded and make the reported failures
 * visible again after 0-2 s (ReportBatchItemFailures). After 5 receives SQS moves a message to the DLQ.
 *
 * <p>Receives, deletes and the idle check ask ElasticMQ's queue actor inside the process ({@link
 * EmbeddedElasticMq.Queue}), the same actor its HTTP API asks, so visibility, FIFO groups, receive counts and the
 * dead-letter moves are ElasticMQ's own; over loopback HTTP each of those calls cost 2-6 ms, thousands of times a
 * demo. Failed messages are made visible again through the SQS API.
 */
final class QueuePump implements AutoCloseable {
    private static final int MAX_MESSAGES = 10;
    private static final Duration LONG_POLL = Duration.ofSeconds(1);
    private static final long IDLE_RECHECK_MILLIS = 5;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final LambdaFunction scoreFunction;
    private final Runnable afterBatch;
    private final EmbeddedElasticMq.Queue queue;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong batchesFinished = new AtomicLong();
    private final Object batchFinished = new Object();

    /**
     * @param queue the same queue in process, for the receives, the deletes and its depth
     */
    QueuePump(
            SqsClient sqs,
            String queueUrl,
            String queueArn,
            EmbeddedElasticMq.Queue queue,
            LambdaFunction scoreFunction,
            Runnable afterBatch) {
        this.sqs = sqs;
        this.queue = queue;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.scoreFunction = scoreFunction;
        this.afterBatch = afterBatch;
    }

    void start(int threads) {
        running.set(true);
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(this::pollLoop, "attimo-queue-pump-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    long processed() {
        return processed.get();
    }

    long failed() {
        return failed.get();
    }

    /** True when the queue holds no message (visible, in flight or delayed) and no batch is being handled. */
    boolean idle() {
        if (inFlight.get() > 0) {
            return false;
        }
        return LocalTimings.time("pump: queue depth", queue::messages) == 0 && inFlight.get() == 0;
    }

    /**
     * Waits until {@link #idle()} or the deadline; answers whether the queue became idle. Each batch the pump finishes
     * wakes the waiter, so the check follows the last batch at once instead of on the next tick of a poll; the short
     * timed wait covers messages sent by others that no batch has taken yet.
     */
    boolean awaitIdle(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long seen = batchesFinished.get();
            if (idle()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            synchronized (batchFinished) {
                if (batchesFinished.get() != seen) continue;
                try {
                    batchFinished.wait(IDLE_RECHECK_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private void pollLoop() {
        while (running.get()) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running.get()) {
                    System.err.println(
                            "attimo: queue poller error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    pause(500);
                }
            }
        }
    }

    private void pollOnce() {
        long began = System.nanoTime();
        List<EmbeddedElasticMq.Received> messages = queue.receive(MAX_MESSAGES, LONG_POLL);
        LocalTimings.record(messages.isEmpty() ? "pump: empty receive" : "pump: receive", System.nanoTime() - began);
        if (messages.isEmpty()) {
            return;
        }
        // until deleted, received messages count as not visible in the queue; from here on this counter covers them too
        inFlight.incrementAndGet();
        try {
            Set<String> failures = LocalTimings.time("pump: score function", () -> handle(messages));
            List<String> done = new ArrayList<>();
            for (EmbeddedElasticMq.Received m : messages) {
                if (failures.contains(m.messageId())) {
                    int seconds = ThreadLocalRandom.current().nextInt(3);
                    sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl)
                            .receiptHandle(m.receiptHandle())
                            .visibilityTimeout(seconds));
                } else {
                    done.add(m.receiptHandle());
                }
            }
            if (!done.isEmpty()) {
                LocalTimings.time("pump: delete", () -> queue.delete(done));
            }
            processed.addAndGet(done.size());
            failed.addAndGet(failures.size());
            afterBatch.run();
        } finally {
            inFlight.decrementAndGet();
            synchronized (batchFinished) {
                batchesFinished.incrementAndGet();
                batchFinished.notifyAll();
            }
        }
    }

    private Set<String> handle(List<EmbeddedElasticMq.Received> messages) {
        Set<String> failures = new HashSet<>();
        try {
            Object response = scoreFunction.invoke(toEvent(messages));
            if (response instanceof SQSBatchResponse batch) {
                if (batch.getBatchItemFailures() != null) {
                    batch.getBatchItemFailures().forEach(f -> failures.add(f.getItemIdentifier()));
                }
            } else if (response != null) {
                JsonNode json = LambdaFunction.MAPPER.valueToTree(response);
                json.path("batchItemFailures")
                        .forEach(f -> failures.add(f.path("itemIdentifier").asText()));
            }
        } catch (RuntimeException e) {
            // a thrown handler fails the whole batch, as on Lambda
            System.err.println("attimo: score function failed a batch of " + messages.size() + ": "
                    + e.getClass().getName() + ": " + e.getMessage());
            messages.forEach(m -> failures.add(m.messageId()));
        }
        return failures;
    }

    SQSEvent toEvent(List<EmbeddedElasticMq.Received> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (EmbeddedElasticMq.Received m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(md5(m.body()));
            record.setAttributes(new HashMap<>(m.attributes()));
            record.setMessageAttributes(new HashMap<>());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(SamTemplate.REGION);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static String md5(String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread worker : workers) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
