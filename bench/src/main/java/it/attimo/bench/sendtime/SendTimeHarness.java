package it.attimo.bench.sendtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.bench.Args;
import it.attimo.core.channel.Channel;
import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.LocalSlots;
import it.attimo.core.timing.MessageKind;
import it.attimo.core.timing.SendWindowPlanner;
import it.attimo.core.timing.profile.BatchRecommender;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The send-time harness: for every {@link BenchPopulation.Family} and seed, generates customers and their history,
 * asks each method for one email slot per customer in the target week, and scores each choice with the generator's
 * latent truth ({@link BenchPopulation#response}) — the truth is read only here, never by a method. Capture = (method
 * − fixed Tuesday 10:00) / (oracle − fixed). {@code attimo recommend} runs through {@link BatchRecommender} exactly as
 * the CLI does (NDJSON in, NDJSON out), and is also checked for window violations and customers without a
 * {@code sendAt}.
 *
 * <pre>java -cp … it.attimo.bench.sendtime.SendTimeHarness [--customers 2000] [--weeks 8] [--seeds 1,2,3]
 *     [--families lag,visits,…] [--learned true]</pre>
 */
public final class SendTimeHarness {
    static final LocalTime WINDOW_FROM = LocalTime.of(9, 30);
    static final LocalTime WINDOW_TO = LocalTime.of(14, 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One method's choice for every customer: local hour of week and minute of the target week, or -1 for none. */
    public interface Method {
        String name();

        Choice[] choose(BenchPopulation pop, List<List<BenchPopulation.Event>> histories);
    }

    public record Choice(int hourOfWeek, int minute) {
        static final Choice NONE = new Choice(-1, 0);
    }

    public record Row(
            String family,
            long seed,
            String method,
            double response,
            double capture,
            int missing,
            int violations,
            int at0930) {}

    private SendTimeHarness() {}

    public static void main(String[] args) {
        Map<String, String> opts = Args.parse(args);
        int customers = Integer.parseInt(opts.getOrDefault("customers", "2000"));
        int weeks = Integer.parseInt(opts.getOrDefault("weeks", "8"));
        List<Long> seeds = new ArrayList<>();
        for (String s : opts.getOrDefault("seeds", "1,2,3").split(",")) seeds.add(Long.parseLong(s.trim()));
        List<BenchPopulation.Family> families = new ArrayList<>();
        for (String f : opts.getOrDefault("families", "all").split(",")) {
            if (f.equals("all")) families.addAll(List.of(BenchPopulation.Family.values()));
            else families.add(BenchPopulation.Family.valueOf(f.trim().toUpperCase(Locale.ROOT)));
        }
        boolean learned = Boolean.parseBoolean(opts.getOrDefault("learned", "true"));
        diagnose = opts.getOrDefault("diagnose", "false");
        List<Row> rows = new ArrayList<>();
        for (BenchPopulation.Family family : families) {
            for (long seed : seeds) {
                long t0 = System.nanoTime();
                List<Row> r = run(family, customers, weeks, seed, learned);
                rows.addAll(r);
                System.err.printf(
                        Locale.ROOT, "%s seed %d: %.1f s%n", family.id(), seed, (System.nanoTime() - t0) / 1e9);
                for (Row row : r) System.err.println("  " + format(row));
            }
        }
        System.out.println(table(rows));
    }

    /** "false", "true" (every diagnostic variant) or "tunings" (the held-out ranking of the tunings only). */
    static String diagnose = "false";

    public static List<Method> methods(boolean learned) {
        List<Method> m = new ArrayList<>();
        m.add(Baselines.fixedTuesday());
        m.add(Baselines.populationBestHour());
        m.add(Baselines.smoothedHistogram());
        m.add(Baselines.smoothedHistogramByMinute());
        m.add(recommend());
        if (learned) m.add(new BoostedSendTime());
        if (diagnose.equals("true")) m.addAll(ModelDiagnostics.methods());
        if (diagnose.equals("tunings")) m.add(ModelDiagnostics.tuningsMethod());
        return m;
    }

    public static List<Row> run(BenchPopulation.Family family, int customers, int weeks, long seed, boolean learned) {
        BenchPopulation pop = BenchPopulation.generate(family, customers, weeks, seed);
        List<List<BenchPopulation.Event>> histories = new ArrayList<>(customers);
        for (BenchPopulation.Customer c : pop.customers()) histories.add(pop.history(c));
        double fixed = 0, oracle = 0;
        for (BenchPopulation.Customer c : pop.customers()) {
            fixed += BenchPopulation.response(c, HourOfWeek.of(DayOfWeek.TUESDAY, 10), 0);
            oracle += best(c);
        }
        List<Row> rows = new ArrayList<>();
        for (Method method : methods(learned)) {
            Choice[] choices = method.choose(pop, histories);
            double total = 0;
            int missing = 0, violations = 0, at0930 = 0;
            for (int i = 0; i < choices.length; i++) {
                Choice ch = choices[i];
                if (ch == null || ch.hourOfWeek() < 0) {
                    missing++;
                    continue;
                }
                LocalTime t = LocalTime.of(HourOfWeek.hour(ch.hourOfWeek()), ch.minute());
                if (t.isBefore(WINDOW_FROM) || !t.isBefore(WINDOW_TO)) violations++;
                if (t.equals(WINDOW_FROM)) at0930++;
                total += BenchPopulation.response(pop.customers().get(i), ch.hourOfWeek(), ch.minute());
            }
            double n = customers;
            rows.add(new Row(
                    family.id(),
                    seed,
                    method.name(),
                    total / n,
                    (total - fixed) / (oracle - fixed),
                    missing,
                    violations,
                    at0930));
        }
        rows.add(new Row(family.id(), seed, "oracle", oracle / customers, 1, 0, 0, -1));
        return rows;
    }

    /** The best slot in the window, every 15 minutes, every day of the week. */
    static double best(BenchPopulation.Customer c) {
        double best = 0;
        for (int d = 0; d < 7; d++) {
            for (LocalTime t = WINDOW_FROM; t.isBefore(WINDOW_TO); t = t.plusMinutes(15)) {
                best = Math.max(best, BenchPopulation.response(c, d * 24 + t.getHour(), t.getMinute()));
            }
        }
        return best;
    }

    /** {@code attimo recommend --channel email} over [target week), through the batch the CLI runs. */
    static Method recommend() {
        return new Method() {
            @Override
            public String name() {
                return "attimo recommend";
            }

            @Override
            public Choice[] choose(BenchPopulation pop, List<List<BenchPopulation.Event>> histories) {
                StringBuilder customers = new StringBuilder();
                StringBuilder events = new StringBuilder();
                long id = 0;
                for (int i = 0; i < pop.customers().size(); i++) {
                    BenchPopulation.Customer c = pop.customers().get(i);
                    customers
                            .append("{\"id\":\"")
                            .append(c.id())
                            .append("\",\"comune\":\"")
                            .append(c.comune())
                            .append("\",\"segment\":\"b2c\"}\n");
                    for (BenchPopulation.Event e : histories.get(i)) {
                        events.append("{\"specversion\":\"1.0\",\"id\":\"e")
                                .append(id++)
                                .append("\",\"source\":\"bench\",\"type\":\"")
                                .append(e.type())
                                .append("\",\"subject\":\"")
                                .append(e.customerId())
                                .append("\",\"time\":\"")
                                .append(e.time())
                                .append("\",\"data\":{}}\n");
                    }
                }
                StringWriter out = new StringWriter();
                BatchRecommender.Summary summary = new BatchRecommender(SendWindowPlanner.defaults())
                        .run(
                                new ByteArrayInputStream(customers.toString().getBytes(StandardCharsets.UTF_8)),
                                new ByteArrayInputStream(events.toString().getBytes(StandardCharsets.UTF_8)),
                                pop.targetStart(),
                                pop.targetEnd(),
                                Channel.EMAIL,
                                MessageKind.MARKETING,
                                out);
                System.err.printf(
                        Locale.ROOT,
                        "    recommend: half-life %d d (%s), tuning %s, %d below the threshold%n",
                        summary.halfLife().toDays(),
                        summary.halfLifeBasis(),
                        summary.tuning(),
                        summary.belowThreshold());
                Map<String, Integer> index = new LinkedHashMap<>();
                for (int i = 0; i < pop.customers().size(); i++)
                    index.put(pop.customers().get(i).id(), i);
                Choice[] choices = new Choice[pop.customers().size()];
                for (String line : out.toString().split("\n")) {
                    if (line.isBlank()) continue;
                    try {
                        JsonNode n = JSON.readTree(line);
                        JsonNode sendAt = n.get("sendAt");
                        if (sendAt == null || sendAt.isNull()) continue;
                        Instant at = Instant.parse(sendAt.asText());
                        int i = index.get(n.get("customerId").asText());
                        if (at.isBefore(pop.targetStart()) || !at.isBefore(pop.targetEnd())) {
                            choices[i] = new Choice(0, 0); // outside [from, to): counted as a violation (00:00)
                            continue;
                        }
                        LocalDateTime local = LocalDateTime.ofInstant(at, LocalSlots.ROME);
                        choices[i] = new Choice(HourOfWeek.of(local), local.getMinute());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return choices;
            }
        };
    }

    static String format(Row r) {
        return String.format(
                Locale.ROOT,
                "%-28s response %.4f capture %6.3f missing %d violations %d at 09:30 %d",
                r.method(),
                r.response(),
                r.capture(),
                r.missing(),
                r.violations(),
                r.at0930());
    }

    /** Markdown: family x method, capture per seed and mean; missing and violations summed. */
    static String table(List<Row> rows) {
        List<Long> seeds = rows.stream().map(Row::seed).distinct().toList();
        StringBuilder sb = new StringBuilder("| family | method |");
        for (long s : seeds) sb.append(" seed ").append(s).append(" |");
        sb.append(" mean | missing | violations |\n|---|---|");
        sb.append("---|".repeat(seeds.size() + 3)).append('\n');
        Map<String, List<Row>> byKey = new LinkedHashMap<>();
        for (Row r : rows)
            byKey.computeIfAbsent(r.family() + "\u0000" + r.method(), k -> new ArrayList<>())
                    .add(r);
        for (List<Row> group : byKey.values()) {
            Row first = group.get(0);
            sb.append("| ")
                    .append(first.family())
                    .append(" | ")
                    .append(first.method())
                    .append(" |");
            double sum = 0;
            int missing = 0, violations = 0;
            for (long s : seeds) {
                Row r = group.stream().filter(x -> x.seed() == s).findFirst().orElse(null);
                sb.append(r == null ? " – |" : String.format(Locale.ROOT, " %.3f |", r.capture()));
                if (r != null) {
                    sum += r.capture();
                    missing += r.missing();
                    violations += r.violations();
                }
            }
            sb.append(String.format(Locale.ROOT, " **%.3f** | %d | %d |%n", sum / group.size(), missing, violations));
        }
        return sb.toString();
    }
}
