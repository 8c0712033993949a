package it.attimo.bench;

import it.attimo.core.timing.synthetic.SyntheticNdjson;
import it.attimo.core.timing.synthetic.SyntheticPopulation;
import it.attimo.local.cli.AttimoCli;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times {@code attimo recommend} on a synthetic population: writes customers.ndjson and events.ndjson
 * (100,000 customers x 8 weeks by default), then runs the command in this JVM and reports wall time.
 *
 * The recommendation window is the week after the history.
 *
 * <pre>java -cp … it.attimo.bench.RecommendBenchmark [--dir /tmp/rec] [--customers 100000] [--weeks 8] [--seed 7]</pre>
 */
public final class RecommendBenchmark {
    private RecommendBenchmark() {}

    public static void main(String[] args) throws Exception {
        var opts = Args.parse(args);
        Path dir = Files.createDirectories(Path.of(opts.getOrDefault("dir", "/tmp/attimo-recommend")));
        String customers = opts.getOrDefault("customers", "100000");
        String weeks = opts.getOrDefault("weeks", "8");
        String seed = opts.getOrDefault("seed", "7");
        long t0 = System.nanoTime();
        long events =
                SyntheticNdjson.write(dir, Integer.parseInt(customers), Integer.parseInt(weeks), Long.parseLong(seed));
        System.err.printf(
                "generated %s customers and %d events in %.1f s%n", customers, events, (System.nanoTime() - t0) / 1e9);
        Path out = dir.resolve("recommendations.ndjson");
        long t1 = System.nanoTime();
        java.io.PrintStream stdout = System.out;
        try (java.io.PrintStream file = new java.io.PrintStream(Files.newOutputStream(out))) {
            System.setOut(file);
            int rc = AttimoCli.commandLine()
                    .execute(
                            "recommend",
                            "--customers",
                            dir.resolve("customers.ndjson").toString(),
                            "--history",
                            dir.resolve("events.ndjson").toString(),
                            "--from",
                            SyntheticPopulation.endOfWeek(Integer.parseInt(weeks))
                                    .toString(),
                            "--to",
                            SyntheticPopulation.endOfWeek(Integer.parseInt(weeks) + 1)
                                    .toString(),
                            "--channel",
                            "email",
                            "--json");
            if (rc != 0) throw new IllegalStateException("recommend exited " + rc);
        } finally {
            System.setOut(stdout);
        }
        double seconds = (System.nanoTime() - t1) / 1e9;
        long lines;
        try (var l = Files.lines(out)) {
            lines = l.count();
        }
        System.out.printf(
                "recommend: %s customers x %s weeks -> %d recommendations in %.1f s (%s)%n",
                customers, weeks, lines, seconds, out);
    }
}
