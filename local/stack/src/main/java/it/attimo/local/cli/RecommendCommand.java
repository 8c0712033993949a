package it.attimo.local.cli;

import it.attimo.core.timing.SendWindowPlanner;
import it.attimo.core.timing.TimingArguments;
import it.attimo.core.timing.profile.BatchRecommender;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attimo recommend --customers customers.ndjson --history events.ndjson --from <ISO> --to <ISO>
 * --channel email [--kind marketing] [--half-life 42] [--json]}: one JSON line per customer with {@code customerId}, {@code sendAt},
 * {@code suitability} (and {@code localTime}, {@code cluster}, {@code belowThreshold}, {@code reasons} when below the
 * threshold, {@code skipped} when no slot is allowed at all); a summary goes to stderr.
 */
@Command(
        name = "recommend",
        mixinStandardHelpOptions = true,
        description =
                "Recommend one send slot per customer in [from, to) from their temporal profiles and the Italian calendar.")
public final class RecommendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--customers", required = true, description = "customers.ndjson (customer.upserted data plus id)")
    Path customers;

    @Option(names = "--history", required = true, description = "events.ndjson (CloudEvents, subject = customer id)")
    Path history;

    @Option(names = "--from", required = true, description = "window start, ISO-8601 instant")
    String from;

    @Option(names = "--to", required = true, description = "window end (exclusive), ISO-8601 instant")
    String to;

    @Option(names = "--channel", required = true, description = "email, sms or push")
    String channel;

    @Option(
            names = "--kind",
            description = "transactional, service, survey (timed as service) or marketing (default marketing)")
    String kind;

    @Option(
            names = "--half-life",
            description = "profiles' half-life in days or as an ISO-8601 duration (default: chosen "
                    + "from the history's last week before --from, 42 days when it is too short)")
    String halfLife;

    @Option(names = "--json", description = "JSON lines output (the only format; accepted for symmetry)")
    boolean json;

    @Override
    public Integer call() {
        BatchRecommender.Summary summary;
        try {
            Instant start = TimingArguments.instant("--from", from);
            Instant end = TimingArguments.instant("--to", to);
            if (!end.isAfter(start))
                throw new IllegalArgumentException("--to " + end + " must be after --from " + start);
            BadInput.requireReadable("--customers", customers);
            BadInput.requireReadable("--history", history);
            Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
            try (InputStream c = new BufferedInputStream(Files.newInputStream(customers), 1 << 16);
                    InputStream e = new BufferedInputStream(Files.newInputStream(history), 1 << 16)) {
                summary = new BatchRecommender(SendWindowPlanner.defaults(), halfLife(halfLife))
                        .run(c, e, start, end, TimingArguments.channel(channel), TimingArguments.kind(kind), out);
            }
            out.flush();
        } catch (IllegalArgumentException | IOException e) {
            return BadInput.report(spec, e);
        }
        spec.commandLine()
                .getErr()
                .printf(
                        "recommended %d of %d customers (%d below the threshold, %d skipped, %d events, %d unknown comuni, %d clusters, alpha %.1f, half-life %d days: %s, response correction %.1f, change odds %.2f, send outcomes %s, prior scale %.4f) in %d ms%n",
                        summary.planned(),
                        summary.customers(),
                        summary.belowThreshold(),
                        summary.skipped(),
                        summary.events(),
                        summary.unknownComuni(),
                        summary.clusters(),
                        summary.alpha(),
                        summary.halfLife().toDays(),
                        summary.halfLifeBasis(),
                        summary.tuning().responseCorrection(),
                        summary.tuning().changeOdds(),
                        summary.tuning().sendOutcomes() ? "on" : "off",
                        summary.tuning().priorScale(),
                        summary.millis());
        return 0;
    }

    /** null (choose from the history) when absent; whole days ("84") or an ISO-8601 duration ("P84D", "PT36H"). */
    static Duration halfLife(String text) {
        if (text == null) return null;
        Duration d;
        try {
            d = text.matches("\\d{1,6}") ? Duration.ofDays(Long.parseLong(text)) : Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--half-life " + text + " is neither whole days nor an ISO-8601 duration");
        }
        if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("--half-life must be positive");
        return d;
    }
}
