package it.attimo.local.cli;

import it.attimo.local.cost.AslTransitionCounter;
import it.attimo.local.cost.CostEstimate;
import it.attimo.local.cost.CostModel;
import it.attimo.local.cost.CostReport;
import it.attimo.local.cost.JourneyFacts;
import it.attimo.local.cost.PriceBook;
import it.attimo.local.cost.UsageAssumptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attimo cost --customers N --journey <name> [--region eu-south-1] [--json]}: what running a journey for N
 * customers costs on AWS at list prices, from journeys.json, the journey's ASL and template.yaml.
 */
@Command(
        name = "cost",
        mixinStandardHelpOptions = true,
        description = "Estimate the AWS cost (list prices, free tiers ignored) of running a journey for N customers,"
                + " from statemachines/journeys.json, the journey's ASL and template.yaml.")
public final class CostCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--customers", required = true, description = "how many customers go through the journey")
    String customers;

    @Option(names = "--journey", required = true, description = "a journey of statemachines/journeys.json")
    String journey;

    @Option(
            names = "--region",
            defaultValue = "eu-south-1",
            description = "AWS region whose prices apply (default ${DEFAULT-VALUE}, Milan)")
    String region;

    @Option(
            names = "--events-per-customer",
            description = "events each customer sends (default: the trigger + its milestones' events + the assumed"
                    + " others)")
    String eventsPerCustomer;

    @Option(names = "--json", description = "print the estimate as a JSON object")
    boolean json;

    @Override
    public Integer call() {
        CostEstimate estimate;
        try {
            long n = positiveWholeNumber(customers);
            Double events = eventsPerCustomer == null ? null : eventsPerCustomer(eventsPerCustomer);
            PriceBook prices = PriceBook.bundled();
            prices.requireRegion(region);
            UsageAssumptions usage = UsageAssumptions.bundled();
            JourneyFacts facts = JourneyFacts.read(
                    ProjectPaths.home(), journey, new AslTransitionCounter(usage.loopPasses(), usage.mapItems()));
            estimate = new CostModel(usage, prices).estimate(facts, n, region, events);
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.println(CostReport.json(estimate).toPrettyString());
        else out.print(CostReport.text(estimate));
        out.flush();
        return 0;
    }

    static long positiveWholeNumber(String text) {
        String digits = text.strip().replace("_", "");
        if (!digits.matches("[0-9]{1,18}") || Long.parseLong(digits) < 1) {
            throw new IllegalArgumentException("--customers must be a positive whole number, got '" + text + "'");
        }
        return Long.parseLong(digits);
    }

    private static double eventsPerCustomer(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (value >= 1 && Double.isFinite(value)) return value;
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalArgumentException(
                "--events-per-customer must be a number of at least 1 (the trigger), got '" + text + "'");
    }
}
