package it.attimo.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One behaviour per test, each on a fixture under src/test/resources/conformance. */
class StatesConformanceTest {

    @Test
    void pathProcessingAppliesInputPathParametersResultPathOutputPathInOrder() {
        Harness h = new Harness(r -> null).register("pass-and-paths.asl.json");

        ExecutionDescription d = h.run(Harness.fixture("pass-and-paths.input.json"));

        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).contains(Harness.json(Harness.fixture("pass-and-paths.expected.json")));
    }

    @Test
    void lambdaInvokeResultIsWrappedThenResultSelectorResultPathOutputPathApply() {
        List<TaskRequest> requests = new ArrayList<>();
        Harness h = new Harness(r -> {
                    requests.add(r);
                    return Harness.json("{\"slot\":\"2026-03-02T18:00:00Z\",\"noise\":1}");
                })
                .register("task-paths.asl.json");

        ExecutionDescription d = h.run("{\"req\":{\"customer\":\"c-1\"},\"keep\":true}");

        assertThat(d.output()).contains(Harness.json("{\"slot\":\"2026-03-02T18:00:00Z\",\"code\":200}"));
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.resource()).isEqualTo("arn:aws:states:::lambda:invoke");
            assertThat(r.functionName()).isEqualTo("arn:aws:lambda:eu-south-1:123456789012:function:plan");
            assertThat(r.payload()).isEqualTo(Harness.json("{\"customer\":\"c-1\"}"));
            assertThat(r.taskToken()).isEmpty();
            assertThat(r.attempt()).isZero();
            assertThat(r.stateName()).isEqualTo("Call");
        });
    }

    @Test
    void directFunctionArnResultIsTheRawPayload() {
        Harness h = new Harness(r -> Harness.json("{\"ok\":true}")).register("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:eu-south-1:1:function:f","End":true}}}""");

        assertThat(h.run("{}").output()).contains(Harness.json("{\"ok\":true}"));
    }

    @Test
    void waitStatesEndAtTheRightVirtualInstants() {
        Harness h = new Harness(r -> null).register("wait-variants.asl.json");
        String arn = h.start("{\"delay\":20,\"at\":\"2026-03-02T11:30:00+01:00\"}");

        h.executor.runToCompletion(h.clock);

        List<HistoryEvent> exits =
                h.history(arn).stream().filter(HistoryEvent::isStateExited).toList();
        assertThat(exits).extracting(HistoryEvent::stateName).containsExactly("Secs", "SecsPath", "Stamp", "StampPath");
        assertThat(exits)
                .extracting(HistoryEvent::timestamp)
                .containsExactly(
                        Harness.T0.plusSeconds(10), Harness.T0.plusSeconds(30),
                        java.time.Instant.parse("2026-03-02T09:00:00Z"),
                                java.time.Instant.parse("2026-03-02T10:30:00Z"));
        assertThat(h.executor.describe(arn).output()).contains(Harness.json("\"2026-03-02T11:30:00+01:00\""));
    }

    @Test
    void waitDoesNotFinishBeforeItsTimeAndNextDueSaysWhen() {
        Harness h = new Harness(r -> null).register("wait-variants.asl.json");
        String arn = h.start("{\"delay\":0,\"at\":\"2026-03-02T09:00:00Z\"}");

        h.executor.drain();

        assertThat(h.executor.describe(arn).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(h.executor.nextDue()).contains(Harness.T0.plusSeconds(10));
        h.clock.advanceTo(Harness.T0.plusSeconds(9));
        h.executor.drain();
        assertThat(h.types(arn)).doesNotContain("WaitStateExited");
        h.clock.advanceTo(Harness.T0.plusSeconds(10));
        h.executor.drain();
        assertThat(h.types(arn)).contains("WaitStateExited");
    }

    @Test
    void aTimestampInThePastEndsTheWaitAtOnce() {
        Harness h = new Harness(r -> null).register("wait-variants.asl.json");
        String arn = h.start("{\"delay\":0,\"at\":\"2020-01-01T00:00:00Z\"}");
        h.executor.runToCompletion(h.clock);
        assertThat(h.executor.describe(arn).stopDate()).contains(java.time.Instant.parse("2026-03-02T09:00:00Z"));
    }

    @Test
    void choiceRoutesWithAndOrNotAndDefault() {
        Harness h = new Harness(r -> null).register("choice-router.asl.json");

        assertThat(h.run("{\"score\":80,\"tier\":\"x\"}").output()).contains(Harness.json("\"hot\""));
        assertThat(h.run("{\"score\":10,\"tier\":\"lukewarm-ish\"}").output()).contains(Harness.json("\"warm\""));
        assertThat(h.run("{}").output()).contains(Harness.json("\"unknown\""));
        assertThat(h.run("{\"tier\":\"frozen\"}").output()).contains(Harness.json("\"cold\""));
    }

    @Test
    void choiceWithoutMatchOrDefaultFailsWithNoChoiceMatched() {
        Harness h = new Harness(r -> null).register("choice-no-default.asl.json");

        ExecutionDescription d = h.run("{\"x\":2}");

        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).contains("States.NoChoiceMatched");
    }

    @Test
    void choiceOnAMissingVariableFailsTheExecutionWithStatesRuntime() {
        Harness h = new Harness(r -> null).register("choice-no-default.asl.json");
        assertThat(h.run("{}").error()).contains("States.Runtime");
    }

    @Test
    void parallelCollectsBranchResultsInBranchOrderAfterTheSlowestBranch() {
        Harness h = new Harness(r -> null).register("parallel.asl.json");

        ExecutionDescription d = h.run("{\"v\":1}");

        assertThat(d.output()).contains(Harness.json("{\"v\":1,\"results\":[{\"branch\":\"a\",\"v\":1},\"b\"]}"));
        assertThat(d.stopDate()).contains(Harness.T0.plusSeconds(30));
    }

    @Test
    void aFailedBranchFailsTheParallelAndCancelsTheOthersThenCatchHandlesIt() {
        Harness h = new Harness(r -> null).register("parallel-fails.asl.json");
        String arn = h.start("{\"k\":1}");

        h.executor.runToCompletion(h.clock);

        ExecutionDescription d = h.executor.describe(arn);
        assertThat(d.output())
                .contains(
                        Harness.json("{\"k\":1,\"error\":{\"Error\":\"Custom.Boom\",\"Cause\":\"branch exploded\"}}"));
        assertThat(d.stopDate()).contains(Harness.T0);
        assertThat(h.types(arn)).contains("ParallelStateFailed").doesNotContain("WaitStateExited");
    }

    @Test
    void mapHonoursMaxConcurrencyAndKeepsItemOrder() {
        Harness h = new Harness(r -> null).register("map.asl.json");

        ExecutionDescription d = h.run("""
        {"prefix":"p","items":[{"delay":30},{"delay":10},{"delay":30}]}""");

        assertThat(d.output().orElseThrow().get("labels")).isEqualTo(Harness.json("""
        [{"label":"p-0"},{"label":"p-1"},{"label":"p-2"}]"""));
        // items 0 and 1 start at once; item 2 starts when item 1 ends (t=10) and ends at t=40
        assertThat(d.stopDate()).contains(Harness.T0.plusSeconds(40));
    }

    @Test
    void mapOverAnEmptyArrayReturnsAnEmptyArray() {
        Harness h = new Harness(r -> null).register("map.asl.json");
        assertThat(h.run("{\"prefix\":\"p\",\"items\":[]}")
                        .output()
                        .orElseThrow()
                        .get("labels"))
                .isEqualTo(Harness.json("[]"));
    }

    @Test
    void legacyIteratorWithParametersAndIntrinsicsInside() {
        Harness h = new Harness(r -> null).register("map-legacy-iterator.asl.json");
        assertThat(h.run("[1,2,3]").output()).contains(Harness.json("[2,4,6]"));
    }

    @Test
    void mapOverANonArrayFailsWithStatesRuntime() {
        Harness h = new Harness(r -> null).register("map.asl.json");
        assertThat(h.run("{\"prefix\":\"p\",\"items\":{}}").error()).contains("States.Runtime");
    }

    @Test
    void failStateTakesErrorAndCauseFromPaths() {
        Harness h = new Harness(r -> null).register("fail-paths.asl.json");

        ExecutionDescription d = h.run("{\"code\":\"Journey.Cancelled\",\"why\":\"customer unsubscribed\"}");

        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).contains("Journey.Cancelled");
        assertThat(d.cause()).contains("customer unsubscribed");
        assertThat(d.output()).isEmpty();
    }

    @Test
    void succeedStateAppliesInputAndOutputPath() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"S","States":{"S":{"Type":"Succeed","InputPath":"$.a","OutputPath":"$.b"}}}""");
        assertThat(h.run("{\"a\":{\"b\":5}}").output()).contains(Harness.json("5"));
    }

    @Test
    void missingInputPathIsAStatesRuntimeFailure() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.nope","End":true}}}""");
        assertThat(h.run("{}").error()).contains("States.Runtime");
    }

    @Test
    void missingParameterPathIsAParameterPathFailureThatCatchCanHandle() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f","Parameters":{"id.$":"$.nope"},
               "Catch":[{"ErrorEquals":["States.ParameterPathFailure"],"Next":"H"}],"End":true},
          "H":{"Type":"Pass","End":true}}}""");
        JsonNode out = h.run("{}").output().orElseThrow();
        assertThat(out.get("Error").asText()).isEqualTo("States.ParameterPathFailure");
        assertThat(out.get("Cause").asText()).contains("$.nope");
    }

    @Test
    void resultPathOntoAScalarInputIsAResultPathMatchFailure() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"P","States":{"P":{"Type":"Pass","Result":1,"ResultPath":"$.x","End":true}}}""");
        assertThat(h.run("\"just a string\"").error()).contains("States.ResultPathMatchFailure");
    }

    @Test
    void intrinsicFailureInParametersFailsTheState() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"x.$":"States.StringToJson($.s)"},"End":true}}}""");
        assertThat(h.run("{\"s\":\"{broken\"}").error()).contains("States.IntrinsicFailure");
    }

    @Test
    void contextObjectExposesExecutionStateAndStateMachine() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{
          "id.$":"$$.Execution.Id","input.$":"$$.Execution.Input","start.$":"$$.Execution.StartTime",
          "sm.$":"$$.StateMachine.Name","smId.$":"$$.StateMachine.Id","state.$":"$$.State.Name",
          "entered.$":"$$.State.EnteredTime"},"End":true}}}""");
        h.clock.advanceTo(Harness.T0.plusSeconds(5));

        JsonNode out = h.run("{\"q\":1}").output().orElseThrow();

        assertThat(out.get("id").asText()).isEqualTo("arn:aws:states:eu-south-1:123456789012:execution:test:run-0");
        assertThat(out.get("input")).isEqualTo(Harness.json("{\"q\":1}"));
        assertThat(out.get("start").asText()).isEqualTo("2026-03-02T08:00:05Z");
        assertThat(out.get("sm").asText()).isEqualTo("test");
        assertThat(out.get("smId").asText()).isEqualTo(Harness.SM_ARN);
        assertThat(out.get("state").asText()).isEqualTo("P");
        assertThat(out.get("entered").asText()).isEqualTo("2026-03-02T08:00:05Z");
    }

    @Test
    void intrinsicUuidAndRandomAreDeterministicForTheSameSeed() {
        String definition = """
        {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{
          "u.$":"States.UUID()","r.$":"States.MathRandom(0, 1000000)"},"End":true}}}""";
        JsonNode first =
                new Harness(r -> null).register(definition).run("{}").output().orElseThrow();
        JsonNode second =
                new Harness(r -> null).register(definition).run("{}").output().orElseThrow();
        assertThat(first).isEqualTo(second);
        assertThat(first.get("u").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void anOutputOver256KiBFailsTheExecutionWithDataLimitExceededEvenWithACatch() {
        Harness h = new Harness(r -> Harness.json("\"" + "x".repeat(300 * 1024) + "\"")).register("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f",
          "Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},"H":{"Type":"Pass","End":true}}}""");
        assertThat(h.run("{}").error()).contains("States.DataLimitExceeded");
    }

    @Test
    void parallelAppliesParametersToEveryBranchAndResultSelectorToTheResults() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Parameters":{"n.$":"$.n"},
          "ResultSelector":{"first.$":"$[0]","second.$":"$[1].m"},"ResultPath":"$.out","Branches":[
            {"StartAt":"A","States":{"A":{"Type":"Pass","OutputPath":"$.n","End":true}}},
            {"StartAt":"B","States":{"B":{"Type":"Pass","Parameters":{"m.$":"States.MathAdd($.n, 1)"},"End":true}}}],
          "End":true}}}""");
        assertThat(h.run("{\"n\":4}").output()).contains(Harness.json("{\"n\":4,\"out\":{\"first\":4,\"second\":5}}"));
    }

    @Test
    void maxConcurrencyPathOfOneRunsItemsOneAfterAnother() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.delays","MaxConcurrencyPath":"$.max",
          "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$","End":true}}},"End":true}}}""");
        ExecutionDescription d = h.run("{\"max\":1,\"delays\":[10,20,30]}");
        assertThat(d.output()).contains(Harness.json("[10,20,30]"));
        assertThat(d.stopDate()).contains(Harness.T0.plusSeconds(60));
    }

    @Test
    void invocationIndexCountsEveryInvocationOfAStateAcrossMapIterations() {
        List<Integer> indexes = new ArrayList<>();
        Harness h = new Harness(r -> {
                    indexes.add(r.invocationIndex());
                    return r.parameters();
                })
                .register("""
        {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:lambda:x:1:function:f","End":true}}},"End":true}}}""");
        assertThat(h.run("[\"a\",\"b\",\"c\"]").output()).contains(Harness.json("[\"a\",\"b\",\"c\"]"));
        assertThat(indexes).containsExactly(0, 1, 2);
    }

    @Test
    void heartbeatSecondsPathIsReadFromTheInput() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters":{"MessageBody":{"t.$":"$$.Task.Token"}},"HeartbeatSecondsPath":"$.hb","End":true}}}""");
        ExecutionDescription d = h.run("{\"hb\":45}");
        assertThat(d.error()).contains("States.HeartbeatTimeout");
        assertThat(d.stopDate()).contains(Harness.T0.plusSeconds(45));
    }

    @Test
    void aNonIntegerTimeoutSecondsPathFailsWithStatesRuntime() {
        Harness h = new Harness(r -> null).register("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters":{"FunctionName":"f"},"TimeoutSecondsPath":"$.t","End":true}}}""");
        assertThat(h.run("{\"t\":\"soon\"}").error()).contains("States.Runtime");
    }
}
