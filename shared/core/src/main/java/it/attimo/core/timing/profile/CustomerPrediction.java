package it.attimo.core.timing.profile;

import it.attimo.core.timing.EngagementPrediction;

/**
 * A customer's predicted engagement for a send in each hour of week: the shrunk reading distribution convolved with
 * the shrunk response-delay distribution, so a send is credited with the reads it is likely to meet.
 *
 * @param customerId the customer
 * @param sendScore  168 relative scores (a distribution-like scale: higher is better)
 * @param reads      168 shrunk reading probabilities (sum 1)
 * @param cluster    name of the most likely cluster, e.g. "martedì mattina"
 * @param evidence   decayed engagement weight behind the personal part
 */
public record CustomerPrediction(String customerId, double[] sendScore, double[] reads, String cluster, double evidence)
        implements EngagementPrediction {

    @Override
    public double probability(int hourOfWeek) {
        return sendScore[hourOfWeek];
    }

    @Override
    public String label() {
        return cluster;
    }
}
