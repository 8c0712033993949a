package it.attimo.core.timing.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A temporal model as fitted by the daily refresh, with what it was fitted on.
 *
 * @param fittedAt  the instant the profiles were built as of (the refresh's clock)
 * @param customers customers scanned
 * @param events    events read from their logs
 * @param halfLife  the half-life the profiles were built with: predictions must build theirs with the same
 * @param model     the fitted model
 */
public record FittedModel(Instant fittedAt, int customers, long events, Duration halfLife, TemporalModel model) {
    public FittedModel {
        Objects.requireNonNull(fittedAt, "fittedAt");
        Objects.requireNonNull(halfLife, "halfLife");
        Objects.requireNonNull(model, "model");
        if (halfLife.isNegative() || halfLife.isZero()) throw new IllegalArgumentException("halfLife must be positive");
    }

    /** A model fitted on profiles with the default half-life ({@link ProfileSettings#HALF_LIFE}). */
    public FittedModel(Instant fittedAt, int customers, long events, TemporalModel model) {
        this(fittedAt, customers, events, ProfileSettings.HALF_LIFE, model);
    }
}
