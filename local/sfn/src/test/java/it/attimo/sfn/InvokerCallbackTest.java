package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Invokers run without the executor's lock, so they may call back into it from other threads. */
class InvokerCallbackTest {
    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();
    private final AtomicReference<StepFunctionsExecutor> executor = new AtomicReference<>();

    @AfterEach
    void shutdown() {
        otherThread.shutdownNow();
    }

    @Test
    void anInvokerMaySendTaskSuccessFromAnotherThreadAndWaitForIt() throws Exception {
        TaskInvoker viaOtherThread = request -> {
            // like a Lambda calling SendTaskSuccess through an HTTP endpoint served by another thread
            CompletableFuture<Void> sent = CompletableFuture.runAsync(
                    () -> executor.get().sendTaskSuccess(request.taskToken().orElseThrow(), "{\"done\":true}"),
                    otherThread);
            sent.join();
            return null;
        };
        Harness h = new Harness(viaOtherThread).register("park.asl.json");
        executor.set(h.executor);

        CompletableFuture<ExecutionDescription> run = CompletableFuture.supplyAsync(() -> h.run("{}"));

        assertThat(run.get(30, TimeUnit.SECONDS).output()).contains(Harness.json("{\"done\":true}"));
    }

    @Test
    void aStopArrivingDuringAnInvocationWinsAndTheResultIsDiscarded() throws Exception {
        AtomicReference<String> arn = new AtomicReference<>();
        TaskInvoker stopsItsOwnExecution = request -> {
            CompletableFuture.runAsync(() -> executor.get().stop(arn.get(), "Stopped", "by test"), otherThread)
                    .join();
            return Harness.json("{\"late\":true}");
        };
        Harness h = new Harness(stopsItsOwnExecution).register("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f","End":true}}}""");
        executor.set(h.executor);
        arn.set(h.start("{}"));

        h.executor.runToCompletion(h.clock);

        ExecutionDescription d = h.executor.describe(arn.get());
        assertThat(d.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(h.types(arn.get())).doesNotContain("TaskSucceeded", "TaskStateExited");
    }
}
