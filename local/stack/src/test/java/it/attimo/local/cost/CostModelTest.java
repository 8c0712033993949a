package it.attimo.local.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import it.attimo.local.SamTemplate.FunctionSettings;
import it.attimo.local.cost.CostEstimate.Component;
import it.attimo.local.cost.ExecutionPath.LambdaTask;
import it.attimo.local.cost.JourneyFacts.InvokedTask;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The arithmetic of the estimate on round, hand-made prices and usage, so every figure can be checked by hand. */
class CostModelTest {
    static final FunctionSettings JOURNEY = new FunctionSettings("JourneyFunction", 1024, "arm64");

    /** 10 transitions; plan (email), dispatch email, dispatch sms on a 1 GB arm64 function; 2 milestone events. */
    static JourneyFacts facts(FunctionSettings journeyFunction, int transitions) {
        List<LambdaTask> tasks = List.of(
                new LambdaTask("Plan", "${Fn}", "plan", "email", false),
                new LambdaTask("Mail", "${Fn}", "dispatch", "email", false),
                new LambdaTask("Text", "${Fn}", "dispatch", "sms", false));
        ExecutionPath path = new ExecutionPath(transitions, 2, tasks, 0, List.of());
        return new JourneyFacts(
                "test-journey",
                "test.asl.json",
                "TestMachine",
                "thing.happened",
                path,
                4,
                tasks.stream().map(t -> new InvokedTask(t, journeyFunction)).toList(),
                Set.of("a.started", "a.completed"),
                new FunctionSettings("IngestFunction", 512, "x86_64"),
                new FunctionSettings("ScoreFunction", 1024, "arm64"));
    }

    static final CostModel MODEL =
            new CostModel(UsageAssumptions.parse(CostFixtures.USAGE), PriceBook.parse(CostFixtures.PRICES));

    static Map<String, Component> byName(List<Component> lines) {
        return lines.stream().collect(Collectors.toMap(Component::name, c -> c));
    }

    @Test
    void aDispatchThatAlsoPlansTheNextSendAddsThePlansWorkButNoRequest() {
        JourneyFacts plain = facts(JOURNEY, 10);
        LambdaTask merged = new LambdaTask("Mail", "${Fn}", "dispatch", "email", false, List.of("plan"));
        List<LambdaTask> tasks = List.of(
                plain.path().lambdaTasks().get(0),
                merged,
                plain.path().lambdaTasks().get(2));
        JourneyFacts facts = new JourneyFacts(
                plain.journey(),
                plain.aslFile(),
                plain.stateMachine(),
                plain.triggerType(),
                new ExecutionPath(10, 2, tasks, 0, List.of()),
                4,
                tasks.stream().map(t -> new InvokedTask(t, JOURNEY)).toList(),
                plain.milestoneEvents(),
                plain.ingestFunction(),
                plain.scoreFunction());
        Map<String, Component> before =
                byName(MODEL.estimate(plain, 10_000, "xx-test-1", null).components());
        Map<String, Component> after =
                byName(MODEL.estimate(facts, 10_000, "xx-test-1", null).components());
        assertThat(after.get("Lambda requests").quantity())
                .isEqualTo(before.get("Lambda requests").quantity());
        // the plan's 100 ms on 1 GB, its 1 write (x 1 WRU), its 1 get and 1 query (x 2 RRU), per customer
        assertThat(after.get("Lambda GB-s").quantity()
                        - before.get("Lambda GB-s").quantity())
                .isCloseTo(10_000 * 0.1 * 1024 / 1024.0, within(1e-6));
        assertThat(after.get("DynamoDB WRU").quantity()
                        - before.get("DynamoDB WRU").quantity())
                .isEqualTo(10_000);
        assertThat(after.get("DynamoDB RRU").quantity()
                        - before.get("DynamoDB RRU").quantity())
                .isEqualTo(10_000 * (1 + 2));
    }

    @Test
    void everyLineIsUsagePerCustomerTimesListPriceTimesCustomers() {
        CostEstimate e = MODEL.estimate(facts(JOURNEY, 10), 10_000, "xx-test-1", null);
        // events: trigger 1 + 2 milestone events + 1 other = 4; re-scores 1; score invocations 4 + 1 = 5
        assertThat(e.eventsPerCustomer()).isEqualTo(4);
        assertThat(e.eventsBasis()).contains("thing.happened").contains("2 milestone events");
        Map<String, Component> lines = byName(e.components());
        assertThat(e.components())
                .extracting(Component::name)
                .containsExactly(
                        "Step Functions transitions",
                        "Lambda requests",
                        "Lambda GB-s",
                        "DynamoDB WRU",
                        "DynamoDB RRU",
                        "SQS FIFO requests",
                        "EventBridge Scheduler invocations");
        assertThat(lines.get("Step Functions transitions").quantity()).isEqualTo(100_000);
        assertThat(lines.get("Step Functions transitions").usd()).isCloseTo(2.5, within(1e-9));
        // 3 tasks + 4 ingests + 5 scores
        assertThat(lines.get("Lambda requests").quantity()).isEqualTo(120_000);
        assertThat(lines.get("Lambda requests").usd()).isCloseTo(0.024, within(1e-9));
        // x86: 4 x 0.1 s x 0.5 GB = 0.2 GB-s; arm64: scores 5 x 0.2 s x 1 GB + plan 0.1 + 2 dispatches 0.4 = 1.5
        assertThat(lines.get("Lambda GB-s").quantity()).isCloseTo(17_000, within(1e-6));
        assertThat(lines.get("Lambda GB-s").usd()).isCloseTo(2_000 * 0.00001 + 15_000 * 0.000008, within(1e-9));
        // writes: 5 scored x 2 + plan 1 + dispatches 2 x 2 = 15, x 1 WRU
        assertThat(lines.get("DynamoDB WRU").quantity()).isEqualTo(150_000);
        // reads: gets 5 x 2 + 1 + 2 x 2 = 15 (x 1 RRU), queries 5 x 2 + 1 + 2 x 1 = 13 (x 2 RRU) = 41
        assertThat(lines.get("DynamoDB RRU").quantity()).isEqualTo(410_000);
        assertThat(lines.get("DynamoDB RRU").usd()).isCloseTo(0.1025, within(1e-9));
        assertThat(lines.get("SQS FIFO requests").quantity()).isEqualTo(80_000);
        assertThat(lines.get("EventBridge Scheduler invocations").quantity()).isEqualTo(10_000);

        assertThat(e.totalUsd()).isCloseTo(2.5 + 0.024 + 0.14 + 0.15 + 0.1025 + 0.04 + 0.01, within(1e-9));
        assertThat(e.perTenThousandUsd()).isCloseTo(e.totalUsd(), within(1e-12));
        assertThat(e.dominant()).isEqualTo("Step Functions transitions");
        assertThat(e.dominantShare()).isCloseTo(2.5 / e.totalUsd(), within(1e-12));
        assertThat(e.meetsGoal()).isTrue();
        assertThat(e.notes()).anySatisfy(note -> assertThat(note).startsWith("not included: API Gateway"));
    }

    @Test
    void messageFeesCountTheSendingTasksPerChannelAndStayOutOfTheTotal() {
        CostEstimate e = MODEL.estimate(facts(JOURNEY, 10), 10_000, "xx-test-1", null);
        Map<String, Component> fees = byName(e.messageFees());
        // the plan task names a channel but does not send: one email, one SMS per customer
        assertThat(fees.get("SES emails").quantity()).isEqualTo(10_000);
        assertThat(fees.get("SES emails").usd()).isCloseTo(1.0, within(1e-9));
        assertThat(fees.get("SNS SMS (Italy)").usd()).isCloseTo(500.0, within(1e-9));
        assertThat(fees.get("SNS SMS (Italy)").estimatedPrice()).isTrue();
        assertThat(e.messageFeesUsd()).isCloseTo(501.0, within(1e-9));
        assertThat(e.totalUsd()).isLessThan(10);
    }

    @Test
    void costsScaleLinearlyWithCustomersAndThePerTenThousandFigureDoesNot() {
        CostEstimate ten = MODEL.estimate(facts(JOURNEY, 10), 10_000, "xx-test-1", null);
        CostEstimate thirty = MODEL.estimate(facts(JOURNEY, 10), 30_000, "xx-test-1", null);
        for (int i = 0; i < ten.components().size(); i++) {
            assertThat(thirty.components().get(i).usd())
                    .isCloseTo(3 * ten.components().get(i).usd(), within(1e-9));
        }
        assertThat(thirty.totalUsd()).isCloseTo(3 * ten.totalUsd(), within(1e-9));
        assertThat(thirty.messageFeesUsd()).isCloseTo(3 * ten.messageFeesUsd(), within(1e-9));
        assertThat(thirty.perTenThousandUsd()).isCloseTo(ten.perTenThousandUsd(), within(1e-9));
    }

    @Test
    void aDearerRegionOrArchitectureChangesOnlyItsOwnLines() {
        CostEstimate here = MODEL.estimate(facts(JOURNEY, 10), 10_000, "xx-test-1", null);
        CostEstimate there = MODEL.estimate(facts(JOURNEY, 10), 10_000, "yy-test-2", null);
        assertThat(byName(there.components()).get("Step Functions transitions").usd())
                .isCloseTo(5.0, within(1e-9));
        assertThat(byName(there.components()).get("Lambda requests").usd())
                .isEqualTo(byName(here.components()).get("Lambda requests").usd());

        CostEstimate x86 = MODEL.estimate(
                facts(new FunctionSettings("JourneyFunction", 2048, "x86_64"), 10), 10_000, "xx-test-1", null);
        // the tasks' 0.5 s now run on 2 GB x86: 1 GB-s x 10,000 x $0.00001, beside the arm64 score's 1 GB-s
        assertThat(byName(x86.components()).get("Lambda GB-s").usd())
                .isCloseTo(0.02 + 0.1 + 10_000 * 0.000008, within(1e-9));
        assertThat(byName(x86.components()).get("Lambda GB-s").estimatedPrice()).isFalse();
    }

    @Test
    void aLongJourneyMissesTheGoalAndTheEventsCanBeGivenOutright() {
        CostEstimate dear = MODEL.estimate(facts(JOURNEY, 300), 10_000, "xx-test-1", null);
        assertThat(dear.perTenThousandUsd()).isGreaterThan(CostEstimate.GOAL_PER_TEN_THOUSAND_USD);
        assertThat(dear.meetsGoal()).isFalse();

        CostEstimate chatty = MODEL.estimate(facts(JOURNEY, 10), 10_000, "xx-test-1", 14.0);
        assertThat(chatty.eventsPerCustomer()).isEqualTo(14);
        assertThat(chatty.eventsBasis()).isEqualTo("--events-per-customer");
        assertThat(byName(chatty.components()).get("SQS FIFO requests").quantity())
                .isEqualTo(14 * 2 * 10_000);
        assertThat(byName(chatty.components()).get("Step Functions transitions").quantity())
                .isEqualTo(100_000);
    }

    @Test
    void refusesNoCustomersAnUnpricedRegionAndFewerEventsThanTheTrigger() {
        assertThatThrownBy(() -> MODEL.estimate(facts(JOURNEY, 10), 0, "xx-test-1", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MODEL.estimate(facts(JOURNEY, 10), 1, "zz-nowhere-9", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("xx-test-1, yy-test-2");
        assertThatThrownBy(() -> MODEL.estimate(facts(JOURNEY, 10), 1, "xx-test-1", 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
