package it.attimo.core.timing.profile;

import java.time.Instant;
import java.util.Objects;

/**
 * A temporal model as fitted by the daily refresh, with what it was fitted on.
 *
 * @param fittedAt  the instant the profiles were built as of (the refresh's clock)
 * @param customers customers scanned
 * @param events    events read from their logs
 * @param model     the fitted model
 */
public record FittedModel(Instant fittedAt, int customers, long events, TemporalModel model) {
    public FittedModel {
        Objects.requireNonNull(fittedAt, "fittedAt");
        Objects.requireNonNull(model, "model");
    }
}
