package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new executor on the same store continues every running execution where the old one stopped. */
class PersistenceTest {
    @TempDir
    Path dir;

    private StepFunctionsExecutor restart(Harness before, TaskInvoker invoker) {
        StepFunctionsExecutor after = StepFunctionsExecutor.builder()
                .clock(before.clock)
                .taskInvoker(invoker)
                .store(before.store)
                .build();
        after.resumeAll();
        return after;
    }

    @Test
    void aWaitInterruptedByARestartFinishesAtItsOriginalInstant() {
        Harness before = new Harness(r -> null, new DirectoryExecutionStore(dir)).register("wait-variants.asl.json");
        String arn = before.start("{\"delay\":20,\"at\":\"2026-03-02T10:00:00Z\"}");
        before.executor.drain();
        before.clock.advanceTo(Harness.T0.plusSeconds(5));

        StepFunctionsExecutor after = restart(before, r -> null);
        assertThat(after.nextDue()).contains(Harness.T0.plusSeconds(10));
        after.runToCompletion(before.clock);

        ExecutionDescription d = after.describe(arn);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.stopDate()).contains(java.time.Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(after.history(arn).stream()
                        .filter(HistoryEvent::isStateExited)
                        .map(HistoryEvent::timestamp))
                .startsWith(Harness.T0.plusSeconds(10), Harness.T0.plusSeconds(30));
    }

    @Test
    void aParkedTokenStaysValidAcrossARestartAndItsHeartbeatTimerStillFires() {
        Harness before = new Harness(r -> null, new DirectoryExecutionStore(dir));
        before.executor.register(
                Harness.SM_ARN,
                AslParser.parse(
                        Harness.fixture("wait-for-callback.asl.json"), java.util.Map.of("ParkFunction", "arn:park")));
        String waiting = before.start("{\"customer\":\"c-1\",\"giveUpAfter\":1000}");
        String forgotten = before.start("{\"customer\":\"c-2\",\"giveUpAfter\":1000}");
        before.executor.drain();
        String token = before.executor.parkedTokens(waiting).get(0);

        StepFunctionsExecutor after = restart(before, r -> null);
        before.clock.advanceTo(Harness.T0.plusSeconds(400));
        after.sendTaskSuccess(token, "{\"type\":\"click\"}");
        after.runToCompletion(before.clock);

        assertThat(after.describe(waiting).output().orElseThrow().get("event"))
                .isEqualTo(Harness.json("{\"type\":\"click\"}"));
        // the fixture's HeartbeatSeconds (600) fires before its TimeoutSecondsPath (1000) and is not caught
        assertThat(after.describe(forgotten).error()).contains("States.HeartbeatTimeout");
        assertThat(after.describe(forgotten).stopDate()).contains(Harness.T0.plusSeconds(600));
    }

    @Test
    void aParallelInProgressSurvivesARestart() {
        Harness before = new Harness(r -> null, new DirectoryExecutionStore(dir)).register("parallel.asl.json");
        String arn = before.start("{\"v\":9}");
        before.executor.drain();
        assertThat(before.types(arn)).contains("PassStateExited").doesNotContain("WaitStateExited");

        StepFunctionsExecutor after = restart(before, r -> null);
        after.runToCompletion(before.clock);

        ExecutionDescription d = after.describe(arn);
        assertThat(d.output()).contains(Harness.json("{\"v\":9,\"results\":[{\"branch\":\"a\",\"v\":9},\"b\"]}"));
        assertThat(d.stopDate()).contains(Harness.T0.plusSeconds(30));
    }

    @Test
    void aMapWithPendingItemsSurvivesARestart() {
        Harness before = new Harness(r -> null, new DirectoryExecutionStore(dir)).register("map.asl.json");
        String arn = before.start("{\"prefix\":\"m\",\"items\":[{\"delay\":30},{\"delay\":10},{\"delay\":30}]}");
        before.executor.drain();
        before.clock.advanceTo(Harness.T0.plusSeconds(10));
        before.executor.drain();

        StepFunctionsExecutor after = restart(before, r -> null);
        after.runToCompletion(before.clock);

        assertThat(after.describe(arn).output().orElseThrow().get("labels"))
                .isEqualTo(Harness.json("[{\"label\":\"m-0\"},{\"label\":\"m-1\"},{\"label\":\"m-2\"}]"));
        assertThat(after.describe(arn).stopDate()).contains(Harness.T0.plusSeconds(40));
    }

    @Test
    void aRetryBackoffSurvivesARestartAndKeepsItsAttemptCount() {
        List<Integer> attempts = new ArrayList<>();
        TaskInvoker failing = r -> {
            attempts.add(r.attempt());
            throw new TaskFailedException("Transient", "again");
        };
        Harness before = new Harness(failing, new DirectoryExecutionStore(dir)).register("retry-backoff.asl.json");
        String arn = before.start("{}");
        before.executor.drain();

        StepFunctionsExecutor after = restart(before, failing);
        after.runToCompletion(before.clock);

        assertThat(attempts).containsExactly(0, 1, 2, 3);
        assertThat(after.describe(arn).stopDate()).contains(Harness.T0.plusSeconds(26));
    }

    @Test
    void finishedExecutionsAreDescribableAfterARestartAndFilesAreOnePerExecution() throws Exception {
        Harness before = new Harness(r -> null, new DirectoryExecutionStore(dir)).register("choice-router.asl.json");
        String arn = before.start("{\"score\":99}");
        before.start("{\"score\":1}");
        before.executor.runToCompletion(before.clock);

        StepFunctionsExecutor after = restart(before, r -> null);

        assertThat(after.describe(arn).output()).contains(Harness.json("\"hot\""));
        assertThat(after.history(arn)).isEqualTo(before.executor.history(arn));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .hasSize(2)
                    .allMatch(name -> name.endsWith(".json") && !name.endsWith(".tmp"));
        }
    }

    @Test
    void withTheStoreThatKeepsNothingExecutionsRunAndDescribeButNothingSurvivesARestart() {
        Harness before = new Harness(r -> null, ExecutionStore.NONE).register("choice-router.asl.json");
        String arn = before.start("{\"score\":99}");
        before.executor.runToCompletion(before.clock);

        assertThat(before.executor.describe(arn).output()).contains(Harness.json("\"hot\""));
        assertThat(before.executor.history(arn)).isNotEmpty();
        assertThat(ExecutionStore.NONE.keepsSnapshots()).isFalse();
        assertThat(ExecutionStore.NONE.loadAll()).isEmpty();
        assertThat(restart(before, r -> null).listExecutions(Harness.SM_ARN, null))
                .isEmpty();
    }

    @Test
    void resumeAllCountsOnlyRunningExecutions() {
        Harness before = new Harness(r -> null).register("wait-variants.asl.json");
        before.start("{\"delay\":1,\"at\":\"2026-03-02T10:00:00Z\"}");
        before.executor.drain();
        StepFunctionsExecutor after = StepFunctionsExecutor.builder()
                .clock(before.clock)
                .store(before.store)
                .build();
        assertThat(after.resumeAll()).isEqualTo(1);
        assertThat(after.resumeAll()).isZero();
    }

    @Test
    void aCrashDuringATaskInvocationReinvokesItOnResumeWithTheSameToken() {
        InMemoryExecutionStore crashed = new InMemoryExecutionStore();
        List<TaskRequest> firstLife = new ArrayList<>();
        Harness[] box = new Harness[1];
        box[0] = new Harness(r -> {
            firstLife.add(r);
            // a heartbeat during the invocation makes the executor save the frame while it is INVOKING
            box[0].executor.sendTaskHeartbeat(r.taskToken().orElseThrow());
            box[0].store.loadAll().forEach(crashed::save); // the process "dies" here
            return null;
        });
        box[0].executor.register(
                Harness.SM_ARN,
                AslParser.parse(
                        Harness.fixture("wait-for-callback.asl.json"), java.util.Map.of("ParkFunction", "arn:park")));
        String arn = box[0].start("{\"customer\":\"c-1\",\"giveUpAfter\":100}");
        box[0].executor.drain();

        List<TaskRequest> secondLife = new ArrayList<>();
        StepFunctionsExecutor after = StepFunctionsExecutor.builder()
                .clock(box[0].clock)
                .store(crashed)
                .taskInvoker(r -> {
                    secondLife.add(r);
                    return null;
                })
                .build();
        after.resumeAll();
        after.drain();

        assertThat(secondLife).singleElement().satisfies(r -> {
            assertThat(r.stateName()).isEqualTo("AwaitEvent");
            assertThat(r.taskToken()).isEqualTo(firstLife.get(0).taskToken());
        });
        after.sendTaskSuccess(secondLife.get(0).taskToken().orElseThrow(), "{}");
        after.drain();
        assertThat(after.describe(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void directoryStoreSnapshotsAreReadableJsonWithStatus() throws Exception {
        DirectoryExecutionStore store = new DirectoryExecutionStore(dir);
        Harness h = new Harness(r -> null, store).register("wait-variants.asl.json");
        String arn = h.start("{\"delay\":1,\"at\":\"2026-03-02T10:00:00Z\"}");
        h.executor.drain();

        Path file = dir.resolve(DirectoryExecutionStore.fileName(arn));
        com.fasterxml.jackson.databind.JsonNode snapshot = Json.parse(Files.readString(file));

        assertThat(snapshot.get("arn").asText()).isEqualTo(arn);
        assertThat(snapshot.get("status").asText()).isEqualTo("RUNNING");
        assertThat(snapshot.at("/frames/0/phase").asText()).isEqualTo("WAITING");
        assertThat(snapshot.at("/frames/0/dueAt").asText()).isEqualTo("2026-03-02T08:00:10Z");
        assertThat(store.loadRunning())
                .extracting(ExecutionSnapshot::executionArn)
                .containsExactly(arn);
    }
}
