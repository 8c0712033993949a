package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A drain with workers: different customers' Tasks overlap, one customer's executions run one after the other in the
 * order they started, and every execution still ends as a one-thread drain ends it.
 */
class ParallelDrainTest {
    static final String TWO_TASKS = """
            {"StartAt":"A","States":{
              "A":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f","ResultPath":"$.a","Next":"B"},
              "B":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f","ResultPath":"$.b","End":true}}}""";

    private static StepFunctionsExecutor executor(TaskInvoker invoker, int workers) {
        return StepFunctionsExecutor.builder()
                .clock(new MutableClock(Instant.parse("2026-06-10T08:00:00Z")))
                .taskInvoker(invoker)
                .drainWorkers(workers, "customerId")
                .build();
    }

    @Test
    void twoCustomersTasksRunAtTheSameTime() {
        CountDownLatch bothInside = new CountDownLatch(2);
        AtomicInteger waitedAlone = new AtomicInteger();
        TaskInvoker waitsForTheOther = request -> {
            bothInside.countDown();
            try {
                // a one-thread drain would never get the second customer in here: this waits out its timeout
                if (!bothInside.await(5, TimeUnit.SECONDS)) waitedAlone.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Harness.json("{}");
        };
        StepFunctionsExecutor sfn = executor(waitsForTheOther, 2);
        sfn.register(Harness.SM_ARN, AslParser.parse(TWO_TASKS, Map.of()));
        String a = sfn.start(Harness.SM_ARN, "a", "{\"customerId\":\"c-1\"}");
        String b = sfn.start(Harness.SM_ARN, "b", "{\"customerId\":\"c-2\"}");

        sfn.drain();

        assertThat(waitedAlone).hasValue(0);
        assertThat(sfn.describe(a).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sfn.describe(b).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void oneCustomersExecutionsRunInTheirOrderAndNeverOverlap() {
        List<String> calls = new CopyOnWriteArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        TaskInvoker records = request -> {
            if (inside.incrementAndGet() > 1
                    && request.parameters().path("customerId").asText().equals("c-1")) overlaps.incrementAndGet();
            calls.add(request.parameters().path("customerId").asText() + ":"
                    + request.parameters().path("n").asText() + ":" + request.stateName());
            try {
                Thread.sleep(5); // long enough for another worker to step in, if it could
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.decrementAndGet();
            return Harness.json("{}");
        };
        StepFunctionsExecutor sfn = executor(records, 4);
        sfn.register(Harness.SM_ARN, AslParser.parse(TWO_TASKS, Map.of()));
        for (int n = 0; n < 3; n++) sfn.start(Harness.SM_ARN, "c1-" + n, "{\"customerId\":\"c-1\",\"n\":" + n + "}");

        sfn.drain();

        assertThat(calls).containsExactly("c-1:0:A", "c-1:0:B", "c-1:1:A", "c-1:1:B", "c-1:2:A", "c-1:2:B");
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void manyCustomersEndAsOneThreadEndsThem() {
        TaskInvoker echo = request -> Harness.json("{\"by\":\"" + request.stateName() + "\"," + "\"customer\":\""
                + request.parameters().path("customerId").asText() + "\"}");
        StepFunctionsExecutor one = executor(echo, 1);
        StepFunctionsExecutor three = executor(echo, 3);
        List<String> serial = new java.util.ArrayList<>();
        List<String> parallel = new java.util.ArrayList<>();
        for (StepFunctionsExecutor sfn : List.of(one, three)) {
            sfn.register(Harness.SM_ARN, AslParser.parse(TWO_TASKS, Map.of()));
            List<String> arns = sfn == one ? serial : parallel;
            for (int c = 0; c < 40; c++)
                arns.add(sfn.start(Harness.SM_ARN, "x-" + c, "{\"customerId\":\"c-" + (c % 7) + "\"}"));
            sfn.drain();
        }
        for (int c = 0; c < 40; c++) {
            assertThat(three.describe(parallel.get(c)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(three.describe(parallel.get(c)).output())
                    .isEqualTo(one.describe(serial.get(c)).output());
        }
    }
}
