package it.attimo.core.timing.profile;

import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.TemporalModelStore;
import it.attimo.core.timing.EngagementPrediction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A customer's {@link EngagementPrediction} for planning: their own event log folded into a {@link TemporalProfile}
 * as of now, with the half-life stored with the latest model, shrunk toward their cluster and the population by that
 * model. Nothing is predicted (the
 * planner keeps its golden hours) when no model has been fitted yet, the model was fitted on fewer than
 * {@link #MIN_POPULATION} customers, or the customer has no engagement events.
 * The stored model is re-read at most every {@code modelReload} of business time while one is cached; a store that
 * cannot be read means no prediction (the reason says so), not a failed plan.
 */
public final class CustomerPredictions {
    private static final Logger LOG = Logger.getLogger(CustomerPredictions.class.getName());
    public static final Duration DEFAULT_MODEL_RELOAD = Duration.ofMinutes(10);
    /**
     * A model fitted on fewer customers predicts nothing: its population prior is a handful of people's habits (a new
     * deployment whose first customers all registered on a Wednesday morning would rate every other day near zero,
     * and marketing sends, which need suitability 80, would never find a slot). The golden hours apply instead.
     */
    public static final int MIN_POPULATION = 20;

    /** @param prediction null when nothing is predicted; {@code reason} says which prediction was used, or why none */
    public record Outcome(EngagementPrediction prediction, String reason) {}

    private record Loaded(FittedModel fitted, Instant loadedAt) {}

    private final EventLog eventLog;
    private final TemporalModelStore store;
    private final Duration modelReload;
    private final Clock clock;
    private volatile Loaded loaded;

    public CustomerPredictions(EventLog eventLog, TemporalModelStore store, Clock clock) {
        this(eventLog, store, DEFAULT_MODEL_RELOAD, clock);
    }

    public CustomerPredictions(EventLog eventLog, TemporalModelStore store, Duration modelReload, Clock clock) {
        this.eventLog = eventLog;
        this.store = store;
        this.modelReload = modelReload;
        this.clock = clock;
    }

    public Outcome forCustomer(String customerId) {
        Instant now = clock.instant();
        Optional<FittedModel> model;
        try {
            model = model(now);
        } catch (RuntimeException e) {
            // the profile refines the timing; an unreadable model must not stop the journey
            LOG.warning(() -> "temporal model unavailable, planning without profiles: "
                    + e.getClass().getSimpleName());
            return new Outcome(
                    null,
                    "profile: none (temporal model unavailable: " + e.getClass().getSimpleName() + ")");
        }
        if (model.isEmpty()) return new Outcome(null, "profile: none (no temporal model fitted yet)");
        if (model.get().customers() < MIN_POPULATION) {
            return new Outcome(
                    null,
                    "profile: none (model of " + model.get().customers() + " customers, fewer than " + MIN_POPULATION
                            + ")");
        }
        // the profile must weigh events as the profiles the model was fitted on did
        ProfileAccumulator accumulator =
                new ProfileAccumulator(customerId, now, model.get().halfLife());
        for (CustomerEvent e : eventLog.history(customerId)) accumulator.add(e.type(), e.time());
        TemporalProfile profile = accumulator.finish();
        if (profile.engagements() == 0) return new Outcome(null, "profile: none (no engagement events yet)");
        CustomerPrediction prediction = model.get().model().predict(profile);
        return new Outcome(
                prediction,
                "profile: " + prediction.cluster() + ", " + profile.engagements()
                        + (profile.engagements() == 1 ? " engagement" : " engagements") + " (model of "
                        + model.get().fittedAt().atOffset(ZoneOffset.UTC).toLocalDate() + ")");
    }

    private Optional<FittedModel> model(Instant now) {
        Loaded cached = loaded;
        if (cached != null && now.isBefore(cached.loadedAt().plus(modelReload)) && !now.isBefore(cached.loadedAt())) {
            return Optional.of(cached.fitted());
        }
        Optional<FittedModel> latest = store.latest();
        loaded = latest.map(m -> new Loaded(m, now)).orElse(null);
        return latest;
    }
}
