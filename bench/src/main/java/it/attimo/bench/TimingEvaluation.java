package it.attimo.bench;

import java.time.Duration;

/**
 * The offline evaluation of issue 4 as a benchmark entry point: a synthetic population (docs/timing.md), train on
 * weeks 1..n, choose a slot for week n+1, score against what happened; prints per method the expected open rate and
 * the share of the oracle's uplift over the fixed Tuesday 10:00 baseline.
 *
 * <pre>java -cp … it.attimo.bench.TimingEvaluation [customers 20000] [trainWeeks 8] [seed 7] [halfLifeDays]</pre>
 */
public final class TimingEvaluation {
    private TimingEvaluation() {}

    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int weeks = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7L;
        OfflineEvaluation.Report report = args.length > 3
                ? OfflineEvaluation.run(customers, weeks, seed, Duration.ofDays(Long.parseLong(args[3])))
                : OfflineEvaluation.run(customers, weeks, seed);
        System.out.print(report.table());
    }
}
