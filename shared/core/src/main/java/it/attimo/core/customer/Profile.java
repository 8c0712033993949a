package it.attimo.core.customer;

import it.attimo.core.channel.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What Attimo knows about one customer. The behavioural part (counts, score, geography, consent) is a fold of the
 * customer's event log; {@code journeys} and {@code outcomes} are written by the journeys. {@code version} guards
 * concurrent writers (optimistic locking).
 */
public record Profile(
        String customerId,
        Segment segment,
        Location location,
        String locale,
        String tone,
        Map<String, Consent> consents,
        double score,
        String tier,
        List<ScoreLine> scoreBreakdown,
        Map<String, Integer> eventCounts,
        Instant firstSeen,
        Instant lastSeen,
        List<JourneyRun> journeys,
        List<EventSummary> recentEvents,
        Map<String, String> outcomes,
        Instant scoredAt,
        long version,
        ChurnRisk churn,
        Preferences preferences) {

    public Profile {
        consents = consents == null ? Map.of() : Map.copyOf(consents);
        scoreBreakdown = scoreBreakdown == null ? List.of() : List.copyOf(scoreBreakdown);
        eventCounts = eventCounts == null ? Map.of() : Map.copyOf(eventCounts);
        journeys = journeys == null ? List.of() : List.copyOf(journeys);
        recentEvents = recentEvents == null ? List.of() : List.copyOf(recentEvents);
        outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
        churn = churn == null ? ChurnRisk.NONE : churn;
        preferences = preferences == null ? Preferences.NONE : preferences;
    }

    /** A profile with no preferences stated. */
    public Profile(
            String customerId,
            Segment segment,
            Location location,
            String locale,
            String tone,
            Map<String, Consent> consents,
            double score,
            String tier,
            List<ScoreLine> scoreBreakdown,
            Map<String, Integer> eventCounts,
            Instant firstSeen,
            Instant lastSeen,
            List<JourneyRun> journeys,
            List<EventSummary> recentEvents,
            Map<String, String> outcomes,
            Instant scoredAt,
            long version,
            ChurnRisk churn) {
        this(
                customerId,
                segment,
                location,
                locale,
                tone,
                consents,
                score,
                tier,
                scoreBreakdown,
                eventCounts,
                firstSeen,
                lastSeen,
                journeys,
                recentEvents,
                outcomes,
                scoredAt,
                version,
                churn,
                Preferences.NONE);
    }

    /** A profile whose churn risk is not assessed yet (low). */
    public Profile(
            String customerId,
            Segment segment,
            Location location,
            String locale,
            String tone,
            Map<String, Consent> consents,
            double score,
            String tier,
            List<ScoreLine> scoreBreakdown,
            Map<String, Integer> eventCounts,
            Instant firstSeen,
            Instant lastSeen,
            List<JourneyRun> journeys,
            List<EventSummary> recentEvents,
            Map<String, String> outcomes,
            Instant scoredAt,
            long version) {
        this(
                customerId,
                segment,
                location,
                locale,
                tone,
                consents,
                score,
                tier,
                scoreBreakdown,
                eventCounts,
                firstSeen,
                lastSeen,
                journeys,
                recentEvents,
                outcomes,
                scoredAt,
                version,
                ChurnRisk.NONE);
    }

    public static Profile empty(String customerId) {
        return new Profile(
                customerId,
                null,
                null,
                null,
                null,
                Map.of(),
                0,
                null,
                List.of(),
                Map.of(),
                null,
                null,
                List.of(),
                List.of(),
                Map.of(),
                null,
                0);
    }

    public boolean consents(Channel channel) {
        Consent c = consents.get(channel.id());
        return c != null && c.granted();
    }

    public List<JourneyRun> activeJourneys() {
        return journeys.stream().filter(JourneyRun::active).toList();
    }

    public Profile withJourneys(List<JourneyRun> runs) {
        return new Profile(
                customerId,
                segment,
                location,
                locale,
                tone,
                consents,
                score,
                tier,
                scoreBreakdown,
                eventCounts,
                firstSeen,
                lastSeen,
                runs,
                recentEvents,
                outcomes,
                scoredAt,
                version,
                churn,
                preferences);
    }

    public Profile withOutcomes(Map<String, String> newOutcomes) {
        return new Profile(
                customerId,
                segment,
                location,
                locale,
                tone,
                consents,
                score,
                tier,
                scoreBreakdown,
                eventCounts,
                firstSeen,
                lastSeen,
                journeys,
                recentEvents,
                newOutcomes,
                scoredAt,
                version,
                churn,
                preferences);
    }

    public Profile withVersion(long newVersion) {
        return new Profile(
                customerId,
                segment,
                location,
                locale,
                tone,
                consents,
                score,
                tier,
                scoreBreakdown,
                eventCounts,
                firstSeen,
                lastSeen,
                journeys,
                recentEvents,
                outcomes,
                scoredAt,
                newVersion,
                churn,
                preferences);
    }
}
