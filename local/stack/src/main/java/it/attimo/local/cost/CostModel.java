package it.attimo.local.cost;

import it.attimo.local.SamTemplate.FunctionSettings;
import it.attimo.local.cost.CostEstimate.Component;
import it.attimo.local.cost.JourneyFacts.InvokedTask;
import it.attimo.local.cost.PriceBook.Item;
import it.attimo.local.cost.PriceBook.Price;
import it.attimo.local.cost.UsageAssumptions.TaskProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage per customer times list price, times customers. Per customer: one execution of the journey on its counted
 * path (its transitions, its Lambda tasks with their functions' memory and architecture, their DynamoDB calls and
 * the messages they send; a task that also does another action's work, such as a dispatch that plans the next send,
 * counts that work's duration and calls too), the customer's events (each one ingested, queued and scored) and its re-scores (each one
 * an EventBridge Scheduler invocation and a score invocation).
 */
public final class CostModel {
    static final String NOT_INCLUDED = "not included: API Gateway HTTP API requests, CloudWatch Logs, DynamoDB storage"
            + " and backups, SSM and KMS calls, data transfer, the account-manager SNS topic's publishes";
    private static final String X86 = "x86_64";
    private static final String ARM64 = "arm64";

    private final UsageAssumptions usage;
    private final PriceBook prices;

    public CostModel(UsageAssumptions usage, PriceBook prices) {
        this.usage = usage;
        this.prices = prices;
    }

    /**
     * @param eventsPerCustomer events per customer to use instead of the trigger + milestones + others, or null
     * @throws IllegalArgumentException for fewer than one customer, an unpriced region, or fewer than one event
     */
    public CostEstimate estimate(JourneyFacts facts, long customers, String region, Double eventsPerCustomer) {
        if (customers < 1) throw new IllegalArgumentException("customers must be at least 1, got " + customers);
        prices.requireRegion(region);
        if (eventsPerCustomer != null && !(eventsPerCustomer >= 1)) {
            throw new IllegalArgumentException(
                    "events per customer must be at least 1 (the trigger), got " + eventsPerCustomer);
        }
        double derivedEvents = 1 + facts.milestoneEvents().size() + usage.otherEventsPerCustomer();
        double events = eventsPerCustomer == null ? derivedEvents : eventsPerCustomer;
        String eventsBasis = eventsPerCustomer == null
                ? "1 trigger (" + facts.triggerType() + ") + "
                        + facts.milestoneEvents().size()
                        + " milestone events (journeys.json) + " + number(usage.otherEventsPerCustomer())
                        + " other (assumed)"
                : "--events-per-customer";
        double rescores = usage.schedulerInvocationsPerCustomer();
        double scoreInvocations = events * usage.scoreInvocationsPerEvent() + rescores;
        // a re-score is counted as a scored event for DynamoDB (an upper bound: it appends no event)
        double scoredEvents = events + rescores;

        ExecutionPath path = facts.path();
        double lambdaRequests = path.lambdaInvocations() + events + scoreInvocations;
        Map<String, Double> mbMilliseconds = new TreeMap<>();
        addMbMilliseconds(mbMilliseconds, facts.ingestFunction(), events, usage.ingestDurationMs());
        addMbMilliseconds(mbMilliseconds, facts.scoreFunction(), scoreInvocations, usage.scoreDurationMs());
        double getItems = scoredEvents * usage.getItemsPerEvent();
        double queries = scoredEvents * usage.queriesPerEvent();
        double writes = scoredEvents * usage.putItemsPerEvent();
        Map<String, Integer> messages = new TreeMap<>();
        for (InvokedTask invoked : facts.tasks()) {
            TaskProfile profile = usage.task(invoked.task().action());
            addMbMilliseconds(mbMilliseconds, invoked.function(), 1, profile.durationMs());
            getItems += profile.getItems();
            queries += profile.queries();
            writes += profile.writes();
            if (profile.sendsMessage() && invoked.task().channel() != null) {
                messages.merge(invoked.task().channel(), 1, Integer::sum);
            }
            // a dispatch that plans the next send does the plan's work in the same invocation: no extra request,
            // its duration and calls added (an upper bound: the two share a warm JVM and could share a read)
            for (String also : invoked.task().alsoDoes()) {
                TaskProfile extra = usage.task(also);
                addMbMilliseconds(mbMilliseconds, invoked.function(), 1, extra.durationMs());
                getItems += extra.getItems();
                queries += extra.queries();
                writes += extra.writes();
            }
        }

        List<Component> components = new ArrayList<>();
        components.add(line(
                "Step Functions transitions",
                customers * (double) path.transitions(),
                "state transitions",
                Item.STEP_FUNCTIONS_TRANSITIONS,
                region));
        components.add(line("Lambda requests", customers * lambdaRequests, "requests", Item.LAMBDA_REQUESTS, region));
        components.add(gbSecondsLine(mbMilliseconds, customers, region));
        components.add(line(
                "DynamoDB WRU",
                customers * writes * usage.writeUnitsPerWrite(),
                "write request units",
                Item.DYNAMODB_WRITE_UNITS,
                region));
        components.add(line(
                "DynamoDB RRU",
                customers * (getItems * usage.readUnitsPerGetItem() + queries * usage.readUnitsPerQuery()),
                "read request units",
                Item.DYNAMODB_READ_UNITS,
                region));
        components.add(line(
                "SQS FIFO requests",
                customers * events * usage.sqsRequestsPerEvent(),
                "requests",
                Item.SQS_FIFO_REQUESTS,
                region));
        components.add(line(
                "EventBridge Scheduler invocations",
                customers * rescores,
                "invocations",
                Item.SCHEDULER_INVOCATIONS,
                region));

        List<String> notes = new ArrayList<>();
        notes.add(NOT_INCLUDED);
        List<Component> fees = new ArrayList<>();
        fees.add(line(
                "SES emails",
                customers * (double) messages.getOrDefault("email", 0),
                "emails",
                Item.SES_EMAILS,
                region));
        fees.add(line(
                "SNS SMS (Italy)",
                customers * (double) messages.getOrDefault("sms", 0),
                "messages",
                Item.SNS_SMS_ITALY,
                region));
        messages.keySet().stream()
                .filter(channel -> !channel.equals("email") && !channel.equals("sms"))
                .forEach(channel -> notes.add("no price for the " + channel + " channel: its sends are left out"));

        double total = components.stream().mapToDouble(Component::usd).sum();
        Component dominant = components.stream()
                .max(Comparator.comparingDouble(Component::usd))
                .orElseThrow();
        double perTenThousand = total / customers * 10_000;
        return new CostEstimate(
                facts.journey(),
                facts.aslFile(),
                region,
                prices.regionName(region),
                customers,
                prices.pricesAsOf(),
                path,
                facts.shortestTransitions(),
                events,
                eventsBasis,
                components,
                fees,
                total,
                perTenThousand,
                fees.stream().mapToDouble(Component::usd).sum(),
                dominant.name(),
                total == 0 ? 0 : dominant.usd() / total,
                perTenThousand <= CostEstimate.GOAL_PER_TEN_THOUSAND_USD,
                notes);
    }

    /** Adds MB-milliseconds (whole numbers for whole inputs, so the sums stay exact); GB-s are MB-ms / 1,024,000. */
    private static void addMbMilliseconds(Map<String, Double> out, FunctionSettings f, double invocations, double ms) {
        out.merge(f.architecture(), invocations * ms * f.memoryMb(), Double::sum);
    }

    private Component line(String name, double quantity, String unit, Item item, String region) {
        Price price = prices.price(item, region);
        return new Component(name, quantity, unit, price.usdPerUnit(), price.estimated(), price.cost(quantity));
    }

    /** One line for both architectures: the GB-seconds add up, each at its own price. */
    private Component gbSecondsLine(Map<String, Double> mbMsPerArchitecture, long customers, String region) {
        double quantity = 0;
        double usd = 0;
        boolean estimated = false;
        for (Map.Entry<String, Double> e : mbMsPerArchitecture.entrySet()) {
            Item item = switch (e.getKey()) {
                case ARM64 -> Item.LAMBDA_GB_SECOND_ARM64;
                case X86 -> Item.LAMBDA_GB_SECOND_X86;
                default -> throw new IllegalArgumentException("unknown Lambda architecture " + e.getKey());
            };
            Price price = prices.price(item, region);
            double gbSeconds = customers * e.getValue() / 1_024_000;
            quantity += gbSeconds;
            usd += price.cost(gbSeconds);
            estimated |= price.estimated();
        }
        return new Component("Lambda GB-s", quantity, "GB-seconds", quantity == 0 ? 0 : usd / quantity, estimated, usd);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
