package it.attimo.local.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.local.cost.CostEstimate.Component;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A {@link CostEstimate} as the table {@code attimo cost} prints, or as the JSON object of {@code --json}. */
public final class CostReport {
    static final String PATH_EXPLAINED = "each Choice and each wait for an event (event or timeout) goes the way with"
            + " more transitions, so every planned send goes out; error handlers and retries are not counted";
    static final String FREE_TIERS = "list prices only: free tiers are ignored";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-36s %16s  %-20s %12s%s%n";

    private CostReport() {}

    public static String text(CostEstimate e) {
        StringBuilder out = new StringBuilder();
        ExecutionPath p = e.path();
        out.append(String.format(
                Locale.US,
                "attimo cost: %s for %,d customers in %s (%s), AWS list prices as of %s%n%n",
                e.journey(),
                e.customers(),
                e.region(),
                e.regionName(),
                e.pricesAsOf()));
        out.append(String.format(
                Locale.US,
                "per execution (one per customer), %s of statemachines/%s:%n",
                AslTransitionCounter.LONGEST_PATH,
                e.aslFile()));
        out.append(String.format(
                Locale.US,
                "  %d state transitions (shortest such path: %d), %d Lambda tasks (%s%s), %d .waitForTaskToken, %d Wait"
                        + " states%n",
                p.transitions(),
                e.shortestTransitions(),
                p.lambdaInvocations(),
                byAction(p.lambdaTasksByAction()),
                p.alsoDoneByAction().isEmpty() ? "" : "; in the same tasks also " + byAction(p.alsoDoneByAction()),
                p.waitForTaskTokenTasks(),
                p.waitStates()));
        out.append("  ").append(PATH_EXPLAINED).append(System.lineSeparator());
        out.append(String.format(
                Locale.US, "events per customer: %s = %s%n%n", amount(e.eventsPerCustomer()), e.eventsBasis()));

        out.append(String.format(Locale.US, ROW, "component", "quantity", "unit", "USD", ""));
        for (Component c : e.components()) row(out, c);
        out.append(String.format(Locale.US, ROW, "total, message fees excluded", "", "", usd(e.totalUsd()), ""));
        out.append(String.format(Locale.US, ROW, "per 10,000 customers", "", "", usd(e.perTenThousandUsd()), ""));
        out.append(
                String.format(Locale.US, "dominant: %s, %.0f%% of the total%n", e.dominant(), 100 * e.dominantShare()));
        out.append(String.format(
                Locale.US,
                "goal: at most $%.2f per 10,000 customers per journey, message fees excluded: %s%n%n",
                CostEstimate.GOAL_PER_TEN_THOUSAND_USD,
                e.meetsGoal()
                        ? "met"
                        : String.format(
                                Locale.US,
                                "NOT met ($%.2f over)",
                                e.perTenThousandUsd() - CostEstimate.GOAL_PER_TEN_THOUSAND_USD)));

        out.append("message fees (apart from the total)").append(System.lineSeparator());
        for (Component c : e.messageFees()) row(out, c);
        out.append(String.format(Locale.US, ROW, "message fees total", "", "", usd(e.messageFeesUsd()), ""));
        out.append(System.lineSeparator());

        boolean anyEstimated = e.components().stream().anyMatch(Component::estimatedPrice)
                || e.messageFees().stream().anyMatch(Component::estimatedPrice);
        if (anyEstimated) {
            out.append("* price estimated for this region (not confirmed on its AWS pricing page): see ")
                    .append(PriceBook.SOURCE_FILE)
                    .append(System.lineSeparator());
        }
        out.append(FREE_TIERS)
                .append("; usage the project's files cannot tell (durations, DynamoDB calls, events): ")
                .append(UsageAssumptions.SOURCE_FILE)
                .append(System.lineSeparator());
        for (String note : e.notes()) out.append(note).append(System.lineSeparator());
        return out.toString();
    }

    public static ObjectNode json(CostEstimate e) {
        ObjectNode out = JSON.createObjectNode();
        out.put("journey", e.journey());
        out.put("region", e.region());
        out.put("regionName", e.regionName());
        out.put("customers", e.customers());
        out.put("pricesAsOf", e.pricesAsOf());
        out.put("currency", "USD");
        out.put("freeTiers", FREE_TIERS);
        ObjectNode path = out.putObject("path");
        ExecutionPath p = e.path();
        path.put("counted", AslTransitionCounter.LONGEST_PATH);
        path.put("explained", PATH_EXPLAINED);
        path.put("asl", "statemachines/" + e.aslFile());
        path.put("transitions", p.transitions());
        path.put("shortestTransitions", e.shortestTransitions());
        path.put("lambdaTasks", p.lambdaInvocations());
        ObjectNode byAction = path.putObject("lambdaTasksByAction");
        p.lambdaTasksByAction().forEach(byAction::put);
        ObjectNode alsoDone = path.putObject("alsoDoneByAction");
        p.alsoDoneByAction().forEach(alsoDone::put);
        path.put("waitForTaskTokenTasks", p.waitForTaskTokenTasks());
        path.put("waitStates", p.waitStates());
        path.put("serviceTasks", p.serviceTasks());
        out.put("eventsPerCustomer", e.eventsPerCustomer());
        out.put("eventsBasis", e.eventsBasis());
        components(out.putArray("components"), e.components());
        out.put("totalUsd", e.totalUsd());
        out.put("perTenThousandUsd", e.perTenThousandUsd());
        out.put("dominant", e.dominant());
        out.put("dominantShare", e.dominantShare());
        out.put("goalPerTenThousandUsd", CostEstimate.GOAL_PER_TEN_THOUSAND_USD);
        out.put("meetsGoal", e.meetsGoal());
        components(out.putArray("messageFees"), e.messageFees());
        out.put("messageFeesUsd", e.messageFeesUsd());
        ObjectNode sources = out.putObject("sources");
        sources.put("prices", PriceBook.SOURCE_FILE);
        sources.put("assumptions", UsageAssumptions.SOURCE_FILE);
        ArrayNode notes = out.putArray("notes");
        e.notes().forEach(notes::add);
        return out;
    }

    private static void components(ArrayNode into, List<Component> components) {
        for (Component c : components) {
            ObjectNode line = into.addObject();
            line.put("name", c.name());
            line.put("quantity", c.quantity());
            line.put("unit", c.unit());
            line.put("usdPerUnit", c.usdPerUnit());
            line.put("estimatedPrice", c.estimatedPrice());
            line.put("usd", c.usd());
        }
    }

    private static void row(StringBuilder out, Component c) {
        out.append(String.format(
                Locale.US,
                ROW,
                c.name(),
                amount(c.quantity()),
                c.unit(),
                usd(c.usd()),
                c.estimatedPrice() ? " *" : ""));
    }

    private static String byAction(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .map(en -> en.getKey() + " " + en.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String amount(double value) {
        return value == Math.rint(value) || Math.abs(value) >= 1000
                ? String.format(Locale.US, "%,.0f", value)
                : String.format(Locale.US, "%,.2f", value);
    }

    private static String usd(double value) {
        return String.format(Locale.US, "%,.4f", value);
    }
}
