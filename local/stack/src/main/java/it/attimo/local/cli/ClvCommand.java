package it.attimo.local.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.analytics.BgNbdFitter;
import it.attimo.core.analytics.BgNbdModel;
import it.attimo.core.analytics.BgNbdParameters;
import it.attimo.core.analytics.CustomerSummary;
import it.attimo.core.analytics.CustomerSummaryCsv;
import it.attimo.core.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attimo clv fit|predict}: BG/NBD (Fader, Hardie and Lee 2005) fitted by maximum likelihood on a summary CSV
 * ({@code ID,frequency,recency,T}, lifetimes' format); {@code predict} fits, then prints each customer's P(alive) and
 * expected repeat purchases in the next {@code --t} periods (the unit of recency and T).
 */
@Command(
        name = "clv",
        mixinStandardHelpOptions = true,
        description = "Customer lifetime: fit BG/NBD on a summary CSV, predict P(alive) and expected purchases.",
        subcommands = {ClvCommand.Fit.class, ClvCommand.Predict.class})
public final class ClvCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: fit, predict");
    }

    /** One line on stderr, {@code attimo clv fit: <reason>}, and exit code 2. */
    static int refuse(CommandSpec spec, Exception e) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
        spec.commandLine().getErr().flush();
        return BadInput.EXIT_CODE;
    }

    static List<CustomerSummary> read(String path) throws IOException {
        Path summary = ProjectPaths.userPath(path);
        BadInput.requireReadable("--summary", summary);
        try (Reader in = Files.newBufferedReader(summary, StandardCharsets.UTF_8)) {
            return CustomerSummaryCsv.read(in);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("--summary " + summary + " is not UTF-8 text");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--summary " + summary + ": " + e.getMessage(), e);
        }
    }

    @Command(
            name = "fit",
            mixinStandardHelpOptions = true,
            description = "Fit BG/NBD by maximum likelihood; print r, alpha, a, b and the number of customers.")
    static final class Fit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--summary", required = true, description = "CSV with header ID,frequency,recency,T")
        String summary;

        @Option(names = "--json", description = "print {\"r\",\"alpha\",\"a\",\"b\",\"customers\"}")
        boolean json;

        @Override
        public Integer call() {
            BgNbdFitter.Fit fit;
            try {
                fit = new BgNbdFitter().fit(read(summary));
            } catch (IllegalArgumentException | IOException e) {
                return refuse(spec, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            BgNbdParameters p = fit.parameters();
            if (json) {
                ObjectNode node = Json.object();
                node.put("r", p.r());
                node.put("alpha", p.alpha());
                node.put("a", p.a());
                node.put("b", p.b());
                node.put("customers", fit.customers());
                out.println(node);
            } else {
                out.printf(Locale.ROOT, "BG/NBD fitted on %d customers%n", fit.customers());
                out.printf(
                        Locale.ROOT,
                        "  r      %10.4f%n  alpha  %10.4f%n  a      %10.4f%n  b      %10.4f%n",
                        p.r(),
                        p.alpha(),
                        p.a(),
                        p.b());
                out.printf(
                        Locale.ROOT,
                        "  log-likelihood %.2f (%d evaluations)%n",
                        fit.logLikelihood(),
                        fit.evaluations());
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "predict",
            mixinStandardHelpOptions = true,
            description =
                    "Fit BG/NBD, then print per customer P(alive) and the expected purchases in the next t periods.")
    static final class Predict implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--summary", required = true, description = "CSV with header ID,frequency,recency,T")
        String summary;

        @Option(
                names = "--t",
                required = true,
                description = "future periods, in the unit of recency and T (may be fractional)")
        String periods;

        @Option(names = "--json", description = "print a JSON array of {id, pAlive, expectedPurchases}")
        boolean json;

        @Override
        public Integer call() {
            double t;
            List<CustomerSummary> customers;
            BgNbdModel model;
            try {
                t = periods(periods);
                customers = read(summary);
                model = new BgNbdFitter().fit(customers).model();
            } catch (IllegalArgumentException | IOException e) {
                return refuse(spec, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode rows = Json.MAPPER.createArrayNode();
                for (CustomerSummary c : customers) {
                    ObjectNode row = rows.addObject();
                    row.put("id", c.id());
                    row.put("pAlive", model.probabilityAlive(c));
                    row.put("expectedPurchases", model.expectedPurchases(c, t));
                }
                out.println(rows);
            } else {
                BgNbdParameters p = model.parameters();
                out.printf(
                        Locale.ROOT,
                        "BG/NBD r=%.4f alpha=%.4f a=%.4f b=%.4f; next %s periods%n",
                        p.r(),
                        p.alpha(),
                        p.a(),
                        p.b(),
                        periods.trim());
                out.printf(Locale.ROOT, "%-20s %10s %18s%n", "id", "pAlive", "expectedPurchases");
                for (CustomerSummary c : customers) {
                    out.printf(
                            Locale.ROOT,
                            "%-20s %10.4f %18.4f%n",
                            c.id(),
                            model.probabilityAlive(c),
                            model.expectedPurchases(c, t));
                }
            }
            out.flush();
            return 0;
        }

        static double periods(String text) {
            double t;
            try {
                t = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--t '" + text + "' is not a number of periods");
            }
            if (!Double.isFinite(t) || t < 0)
                throw new IllegalArgumentException("--t must be a finite number of periods >= 0, got " + text);
            return t;
        }
    }
}
