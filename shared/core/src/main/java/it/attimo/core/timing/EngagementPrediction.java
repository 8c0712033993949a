package it.attimo.core.timing;

/**
 * A customer's predicted chance of engaging with a message sent in each hour of the local week
 * (see {@link HourOfWeek}). Produced by the temporal profiles; the planner only uses it inside allowed slots.
 */
public interface EngagementPrediction {

    /** Predicted engagement probability (0..1) for a send in this hour of week. */
    double probability(int hourOfWeek);

    /**
     * Predicted engagement for a send at {@code minute} past the hour: a prediction that knows how reads within the
     * hour and after it weigh may tell a send at 13:45 from one at 13:00; by default the hour's value.
     */
    default double probability(int hourOfWeek, int minute) {
        return probability(hourOfWeek);
    }

    /** Short label for reasons, e.g. the profile's cluster name ("martedì mattina"). */
    default String label() {
        return "profile";
    }
}
