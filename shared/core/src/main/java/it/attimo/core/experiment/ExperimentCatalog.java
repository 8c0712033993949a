package it.attimo.core.experiment;

import java.util.List;
import java.util.Optional;

/**
 * The experiments of experiments.json ({@link ExperimentCatalogLoader}); at most one per (journey, step), at most one
 * per touchpoint.
 */
public final class ExperimentCatalog {
    public static final ExperimentCatalog NONE = new ExperimentCatalog(List.of());

    private final List<Experiment> experiments;

    public ExperimentCatalog(List<Experiment> experiments) {
        this.experiments = List.copyOf(experiments);
    }

    public List<Experiment> all() {
        return experiments;
    }

    public Optional<Experiment> find(String id) {
        return experiments.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The experiment testing a touchpoint's variants, if any (at most one per touchpoint). */
    public Optional<Experiment> onTouchpoint(String touchpointId) {
        if (touchpointId == null) return Optional.empty();
        return experiments.stream()
                .filter(e -> touchpointId.equals(e.touchpoint()))
                .findFirst();
    }

    /** The experiment covering a journey's step, if any. */
    public Optional<Experiment> covering(String journey, String step) {
        if (journey == null || step == null) return Optional.empty();
        return experiments.stream().filter(e -> e.covers(journey, step)).findFirst();
    }
}
