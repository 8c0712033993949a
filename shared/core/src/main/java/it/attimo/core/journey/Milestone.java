package it.attimo.core.journey;

import java.util.List;

/**
 * A point of a journey that counts for its KPIs and its journey map: reached when an event with the wake key
 * {@code reached} happens (entered at {@code entered}, for funnels), or when the journey's step {@code step} is sent.
 *
 * @param required whether the journey counts as finished only once this milestone is reached
 * @param kpis which KPIs measure it: {@value #COMPLETION_TIME} (time from entered to reached), {@value
 *     #GUIDE_COMPLETION} (share of customers who reached it)
 * @param momentOfTruth whether the journey map marks it as a moment of truth (seed 004: the moments that decide
 *     whether the customer's expectations are met)
 */
public record Milestone(
        String name,
        String entered,
        String reached,
        String step,
        boolean required,
        List<String> kpis,
        boolean momentOfTruth) {
    public static final String COMPLETION_TIME = "completion-time";
    public static final String GUIDE_COMPLETION = "guide-completion";
    public static final List<String> KNOWN_KPIS = List.of(COMPLETION_TIME, GUIDE_COMPLETION);

    public Milestone {
        kpis = List.copyOf(kpis);
    }

    /** A milestone that is not a moment of truth. */
    public Milestone(String name, String entered, String reached, String step, boolean required, List<String> kpis) {
        this(name, entered, reached, step, required, kpis, false);
    }

    public boolean measures(String kpi) {
        return kpis.contains(kpi);
    }
}
