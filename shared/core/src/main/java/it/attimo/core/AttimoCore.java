package it.attimo.core;

import it.attimo.core.geo.ComuneDirectory;
import it.attimo.core.journey.CalendarSendPlanner;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.SendPlanner;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.TemporalModelStore;
import it.attimo.core.profile.DirectoryGeoResolver;
import it.attimo.core.profile.PlanScorer;
import it.attimo.core.profile.ProfileFolder;
import it.attimo.core.profile.Scorer;
import it.attimo.core.scoring.ScoringEngine;
import it.attimo.core.scoring.ScoringPlanLoader;
import it.attimo.core.timing.SendWindowPlanner;
import it.attimo.core.timing.profile.CustomerPredictions;
import java.time.Clock;

/**
 * The domain services with their bundled defaults (ISTAT directory, Italian calendar, send windows, scoring plan),
 * for adapters that wire the use cases. Replace any of them for tests or configuration.
 */
public final class AttimoCore {
    private AttimoCore() {}

    public static ProfileFolder profileFolder() {
        return new ProfileFolder(new DirectoryGeoResolver(ComuneDirectory.bundled()), defaultScorer());
    }

    public static Scorer defaultScorer() {
        return new PlanScorer(new ScoringEngine(ScoringPlanLoader.loadDefault()));
    }

    /** The default plan, or the plan file at {@code configuredPath} when it is set. */
    public static ProfileFolder profileFolder(String scoringPlanPath) {
        return new ProfileFolder(
                new DirectoryGeoResolver(ComuneDirectory.bundled()),
                new PlanScorer(new ScoringEngine(ScoringPlanLoader.loadOrDefault(scoringPlanPath))));
    }

    public static SendPlanner sendPlanner() {
        return new CalendarSendPlanner(SendWindowPlanner.defaults());
    }

    /**
     * The calendar planner fed with each customer's temporal profile and the latest stored model, applying each
     * journey's timing rules from {@code catalog}.
     */
    public static SendPlanner sendPlanner(
            EventLog eventLog, TemporalModelStore models, JourneyCatalog catalog, Clock clock) {
        return new CalendarSendPlanner(
                SendWindowPlanner.defaults(), new CustomerPredictions(eventLog, models, clock), catalog);
    }

    public static JourneyCatalog journeyCatalog() {
        return JourneyCatalog.defaults();
    }
}
