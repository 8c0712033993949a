package it.attimo.core.port;

import it.attimo.core.timing.profile.FittedModel;
import java.util.Optional;

/** Where the daily refresh keeps the fitted temporal model and the planners find the latest one. */
public interface TemporalModelStore {
    /** Stores the model as the latest (and keeps a dated copy where the store can). */
    void save(FittedModel model);

    Optional<FittedModel> latest();
}
