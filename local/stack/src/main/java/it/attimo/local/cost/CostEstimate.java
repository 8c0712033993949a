package it.attimo.local.cost;

import java.util.List;

/**
 * What running one journey for a number of customers costs on AWS at list prices, free tiers ignored: one line per
 * component, the message fees apart (they scale with what the journey sends, not with how it runs).
 *
 * @param aslFile the journey's ASL file, in statemachines/
 * @param path the counted path of one execution (one execution per customer)
 * @param shortestTransitions the fewest transitions an execution that does not fail takes, for scale
 * @param eventsBasis how {@code eventsPerCustomer} was arrived at
 * @param totalUsd the components' sum, message fees excluded
 * @param dominant the name of the costliest component
 * @param dominantShare its share of {@code totalUsd}, 0-1
 * @param meetsGoal {@code perTenThousandUsd} is at most {@link #GOAL_PER_TEN_THOUSAND_USD}
 */
public record CostEstimate(
        String journey,
        String aslFile,
        String region,
        String regionName,
        long customers,
        String pricesAsOf,
        ExecutionPath path,
        int shortestTransitions,
        double eventsPerCustomer,
        String eventsBasis,
        List<Component> components,
        List<Component> messageFees,
        double totalUsd,
        double perTenThousandUsd,
        double messageFeesUsd,
        String dominant,
        double dominantShare,
        boolean meetsGoal,
        List<String> notes) {

    /** The goal: at most this many dollars per 10,000 customers per journey, message fees excluded. */
    public static final double GOAL_PER_TEN_THOUSAND_USD = 6.00;

    /**
     * One cost line.
     *
     * @param usdPerUnit the list price of one unit (a blend when the line mixes prices, e.g. both architectures)
     * @param estimatedPrice the price, or one of those blended, is an estimate for this region
     */
    public record Component(
            String name, double quantity, String unit, double usdPerUnit, boolean estimatedPrice, double usd) {}

    public CostEstimate {
        components = List.copyOf(components);
        messageFees = List.copyOf(messageFees);
        notes = List.copyOf(notes);
    }
}
