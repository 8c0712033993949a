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
 * @param sinkHours  the send score's look-ahead time constant (hours), for sends within the hour; NaN: hour only
 */
public record CustomerPrediction(
        String customerId, double[] sendScore, double[] reads, String cluster, double evidence, double sinkHours)
        implements EngagementPrediction {

    public CustomerPrediction(String customerId, double[] sendScore, double[] reads, String cluster, double evidence) {
        this(customerId, sendScore, reads, cluster, evidence, Double.NaN);
    }

    @Override
    public double probability(int hourOfWeek) {
        return sendScore[hourOfWeek];
    }

    /**
     * A send at {@code minute} past the hour meets only the rest of that hour's reads, and every later read
     * {@code minute/60} of an hour sooner: with the look-ahead {@code s(h) = r(h) + Σ_{d≥1} r(h+d)·e^(−d/τ)} and
     * {@code f = minute/60}, {@code s(h, f) = s(h) − f·r(h) + (e^(f/τ) − 1)·(s(h) − r(h))}, as a ratio of the
     * hour's plain look-ahead applied to its send score (which may be calibrated by past outcomes). A person around in
     * the hour is best mailed at its start; one around only later, at its end.
     */
    @Override
    public double probability(int hourOfWeek, int minute) {
        if (minute == 0 || Double.isNaN(sinkHours)) return sendScore[hourOfWeek];
        double r = reads[hourOfWeek], plain = 0;
        for (int d = 0; d < TemporalProfile.DELAY_HOURS; d++)
            plain += reads[(hourOfWeek + d) % reads.length] * Math.exp(-d / sinkHours);
        if (plain <= 0) return sendScore[hourOfWeek];
        double f = minute / 60.0;
        double within = plain - f * r + Math.expm1(f / sinkHours) * (plain - r);
        return sendScore[hourOfWeek] * within / plain;
    }

    @Override
    public String label() {
        return cluster;
    }
}
