package it.attimo.core.journey;

import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The journeys Attimo runs, as statemachines/journeys.json declares them ({@link JourneyCatalogLoader}): which event
 * starts which journey for whom, under which execution name, and what each journey declares (milestones, timing
 * rules, arbitration weight).
 */
public final class JourneyCatalog {
    private final List<JourneyDefinition> journeys;

    public JourneyCatalog(List<JourneyDefinition> journeys) {
        this.journeys = List.copyOf(journeys);
    }

    /** The journeys of the bundled statemachines/journeys.json. */
    public static JourneyCatalog defaults() {
        return JourneyCatalogLoader.bundled();
    }

    public List<JourneyDefinition> all() {
        return journeys;
    }

    public Optional<JourneyDefinition> journey(String name) {
        return journeys.stream().filter(j -> j.name().equals(name)).findFirst();
    }

    /** The named journey; an unknown name is a configuration error. */
    public JourneyDefinition require(String name) {
        return journey(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no journey '" + name + "' in journeys.json (known: " + String.join(", ", names()) + ")"));
    }

    public List<String> names() {
        return journeys.stream().map(JourneyDefinition::name).toList();
    }

    /** The timing rules of the named journey; none for null or a journey the catalog does not declare. */
    public Set<String> timingRules(String journey) {
        return journey == null
                ? Set.of()
                : journey(journey).map(JourneyDefinition::timingRules).orElse(Set.of());
    }

    public List<JourneyDefinition> triggeredBy(CustomerEvent event, Profile profile) {
        return journeys.stream().filter(j -> j.triggeredBy(event, profile)).toList();
    }

    /**
     * The journey an execution belongs to, read from its name's prefix (the longest declared name that matches); null
     * when it is none of the catalogue's.
     */
    public String journeyOfExecution(String executionName) {
        String name = ExecutionNames.nameOf(executionName);
        String best = null;
        for (JourneyDefinition j : journeys) {
            String prefix = ExecutionNames.journeyPrefix(j.name()) + "-";
            if (name.startsWith(prefix) && (best == null || j.name().length() > best.length())) best = j.name();
        }
        return best;
    }
}
