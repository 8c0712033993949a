package it.attimo.bench;

import it.attimo.core.event.CustomerEvent;
import it.attimo.core.scoring.ScoringEngine;
import it.attimo.core.scoring.ScoringPlan;
import it.attimo.core.scoring.ScoringPlanLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of {@link ScoringEngine#score} with the default plan on pre-parsed onboarding logs, one customer
 * (64 events) per invocation; one "op" is one event, so ops/s = events/s per core and {@code gc.alloc.rate.norm}
 * = bytes per event. The baseline does what a naive engine does: one {@code HashMap.merge} per rule per event.
 *
 * <pre>java -cp ... org.openjdk.jmh.Main ScoringEngineBenchmark -wi 2 -i 3 -f 1 -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ScoringEngineBenchmark {
    static final int EVENTS_PER_CUSTOMER = 64;
    private static final int CUSTOMERS = 1024;
    private static final Instant START = Instant.parse("2026-05-12T08:00:00Z");

    /** {@code sorted}: logs as the event store returns them; {@code shuffled}: arrival order, the engine must sort. */
    @Param({"sorted", "shuffled"})
    public String order;

    private ScoringEngine engine;
    private List<List<CustomerEvent>> logs;
    private Instant at;
    private int next;

    private String[] baselineRuleIds;
    private double[] baselinePoints;

    @Setup(Level.Trial)
    public void setUp() {
        ScoringPlan plan = ScoringPlanLoader.loadDefault();
        engine = new ScoringEngine(plan);
        Random random = new Random(42);
        logs = new ArrayList<>(CUSTOMERS);
        for (int c = 0; c < CUSTOMERS; c++) {
            List<CustomerEvent> log =
                    OnboardingLogs.customer("c-" + c, START.plusSeconds(c * 37L), EVENTS_PER_CUSTOMER, random);
            if (order.equals("shuffled")) Collections.shuffle(log, random);
            logs.add(List.copyOf(log));
        }
        at = START.plusSeconds(CUSTOMERS * 37L + 72 * 3600);
        baselineRuleIds = plan.ruleIds().toArray(new String[0]);
        baselinePoints = new double[baselineRuleIds.length];
        for (int r = 0; r < baselinePoints.length; r++) baselinePoints[r] = 1.5 + r;
    }

    private List<CustomerEvent> nextLog() {
        List<CustomerEvent> log = logs.get(next);
        next = (next + 1) & (CUSTOMERS - 1);
        return log;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_CUSTOMER)
    public void engine(Blackhole bh) {
        bh.consume(engine.score(nextLog(), at));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_CUSTOMER)
    public void baselineHashMapMerge(Blackhole bh) {
        bh.consume(baseline(nextLog()));
    }

    private Map<String, Double> baseline(List<CustomerEvent> log) {
        Map<String, Double> totals = new HashMap<>();
        for (int i = 0, n = log.size(); i < n; i++) {
            CustomerEvent e = log.get(i);
            if (e.time().isAfter(at)) continue;
            for (int r = 0; r < baselineRuleIds.length; r++) {
                totals.merge(baselineRuleIds[r], baselinePoints[r], Double::sum);
            }
        }
        return totals;
    }

    /**
     * Events per second of one thread's CPU time, for machines too busy for JMH's wall-clock figures to mean much:
     * {@code java -cp ... it.attimo.bench.ScoringEngineBenchmark [sorted|shuffled] [rounds]}.
     */
    public static void main(String[] args) {
        ScoringEngineBenchmark b = new ScoringEngineBenchmark();
        b.order = args.length > 0 ? args[0] : "sorted";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        b.setUp();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            long events = 0;
            for (int i = 0; i < 200 * CUSTOMERS; i++) {
                List<CustomerEvent> log = b.nextLog();
                sink += b.engine.score(log, b.at).breakdown().size();
                events += log.size();
            }
            double engineRate = events / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
            start = threads.getCurrentThreadCpuTime();
            events = 0;
            for (int i = 0; i < 50 * CUSTOMERS; i++) {
                List<CustomerEvent> log = b.nextLog();
                sink += b.baseline(log).size();
                events += log.size();
            }
            double baselineRate = events / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
            System.out.printf(
                    "round %d (%s): engine %.1f M events/CPU-s, baseline %.1f M events/CPU-s%n",
                    round, b.order, engineRate / 1e6, baselineRate / 1e6);
        }
        System.out.println("(checksum " + sink + ")");
    }

    /** Synthetic first-72-hours logs in the shape of seed 000, with the default plan's form/video ids. */
    static final class OnboardingLogs {
        private static final String[] FILLER = {
            "email.sent",
            "email.delivered",
            "email.opened",
            "email.clicked",
            "portal.accessed",
            "push.opened",
            "content.downloaded",
            "support.contacted",
            "sms.delivered",
            "survey.answered"
        };

        private OnboardingLogs() {}

        static List<CustomerEvent> customer(String id, Instant registered, int count, Random random) {
            List<CustomerEvent> log = new ArrayList<>(count);
            long t = 0;
            log.add(event(id, 0, "account.registered", registered, Map.of("segment", "b2b")));
            log.add(event(id, 1, "portal.accessed", registered.plusSeconds(t += 20 + random.nextInt(150)), Map.of()));
            log.add(event(id, 2, "form.started", registered.plusSeconds(t += 5), Map.of("formId", "first-module")));
            if (random.nextInt(10) == 0) {
                log.add(event(
                        id, 3, "form.abandoned", registered.plusSeconds(t += 60), Map.of("formId", "first-module")));
            }
            int firstModule = 30 + random.nextInt(180);
            log.add(event(
                    id,
                    4,
                    "form.completed",
                    registered.plusSeconds(t += firstModule),
                    Map.of(
                            "formId",
                            "first-module",
                            "durationSeconds",
                            firstModule,
                            "errors",
                            random.nextInt(3) == 0 ? 1 : 0)));
            int profile = 40 + random.nextInt(120);
            log.add(event(
                    id,
                    5,
                    "form.completed",
                    registered.plusSeconds(t += profile),
                    Map.of("formId", "profile", "durationSeconds", profile, "errors", random.nextInt(4) == 0 ? 2 : 0)));
            if (random.nextInt(10) < 7) {
                log.add(event(
                        id,
                        6,
                        "video.watched",
                        registered.plusSeconds(t + 20 + random.nextInt(200)),
                        Map.of("videoId", "guide", "watchedSeconds", 60 + random.nextInt(60))));
            }
            for (int i = log.size(); i < count; i++) {
                t += 60 + random.nextInt(3600);
                String type = FILLER[random.nextInt(FILLER.length)];
                Map<String, Object> data = switch (type) {
                    case "content.downloaded" -> Map.of("contentId", "white-paper-" + random.nextInt(4));
                    case "survey.answered" -> Map.of("nps", random.nextInt(11));
                    case "email.opened", "email.clicked", "email.sent", "email.delivered" ->
                        Map.of("campaignId", "onboarding-" + random.nextInt(5));
                    default -> Map.of();
                };
                log.add(event(id, 100 + i, type, registered.plusSeconds(t), data));
            }
            log.sort((a, b) -> {
                int c = a.time().compareTo(b.time());
                return c != 0 ? c : a.id().compareTo(b.id());
            });
            return log;
        }

        private static CustomerEvent event(
                String customer, int n, String type, Instant time, Map<String, Object> data) {
            return new CustomerEvent(customer + "-e" + n, "bench", type, customer, time, data);
        }
    }
}
