package it.attimo.core.experiment;

import it.attimo.core.digest.Sha256;
import it.attimo.core.port.ExperimentStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which arm of the experiment covering a journey step a customer gets: at plan time assigned (deterministically, by
 * {@link #point}, or the declared winner when the experiment promotes it) and recorded once; at dispatch time read
 * back, to label the message. The same for a touchpoint experiment's subject (a customer, or an anonymous visitor's
 * key) at the moment a variant is first served ({@link #assignOnTouchpoint}).
 */
public final class ExperimentAssignments {
    /** The dispatch context keys the message renderer reads. */
    public static final String CONTEXT_ID = "experimentId";

    public static final String CONTEXT_ARM = "experimentArm";

    /** No experiments: every step keeps its own offset. */
    public static final ExperimentAssignments NONE = new ExperimentAssignments(ExperimentCatalog.NONE, null, null);

    private final ExperimentCatalog catalog;
    private final ExperimentStore store;
    private final Clock clock;

    public ExperimentAssignments(ExperimentCatalog catalog, ExperimentStore store, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
    }

    /** A customer's arm, and whether it was given as the promoted winner. */
    public record Assigned(Experiment experiment, ExperimentArm arm, boolean promoted) {
        /** What the plan step returns: {@code {id, arm}} (and {@code promoted: true} when so). */
        public Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", experiment.id());
            out.put("arm", arm.name());
            if (promoted) out.put("promoted", true);
            return out;
        }
    }

    /** The customer's arm in the experiment covering (journey, step), assigned and recorded now if new. */
    public Optional<Assigned> assign(String journey, String step, String customerId) {
        return catalog.covering(journey, step).flatMap(e -> assign(e, customerId));
    }

    /**
     * The subject's variant of the experiment testing the touchpoint (none when no experiment does), assigned and
     * recorded now if new: the subject is a customer id, or an anonymous visitor's key, exactly as its events are
     * logged.
     */
    public Optional<Assigned> assignOnTouchpoint(String touchpointId, String subject) {
        return catalog.onTouchpoint(touchpointId).flatMap(e -> assign(e, subject));
    }

    /** Whether an experiment tests the touchpoint's variants. */
    public boolean testsTouchpoint(String touchpointId) {
        return catalog.onTouchpoint(touchpointId).isPresent();
    }

    private Optional<Assigned> assign(Experiment experiment, String customerId) {
        Optional<ExperimentAssignment> existing = store.assignment(experiment.id(), customerId);
        if (existing.isPresent()) return resolve(experiment, existing.get());
        Optional<ExperimentDecision> decision = store.decision(experiment.id());
        boolean promote = experiment.autoPromote()
                && decision.isPresent()
                && decision.get().hasWinner()
                && experiment.arm(decision.get().winner()).isPresent();
        ExperimentArm arm = promote
                ? experiment.arm(decision.get().winner()).orElseThrow()
                : experiment.armAt(point(experiment.id(), customerId));
        ExperimentAssignment made =
                new ExperimentAssignment(experiment.id(), customerId, arm.name(), promote, clock.instant());
        if (store.assign(made)) return Optional.of(new Assigned(experiment, arm, promote));
        // a concurrent plan of the same customer recorded first: its assignment stands
        return store.assignment(experiment.id(), customerId).flatMap(a -> resolve(experiment, a));
    }

    /** The arm already recorded for the customer in the experiment covering (journey, step), if any. */
    public Optional<Assigned> assigned(String journey, String step, String customerId) {
        Optional<Experiment> covering = catalog.covering(journey, step);
        if (covering.isEmpty()) return Optional.empty();
        return store.assignment(covering.get().id(), customerId).flatMap(a -> resolve(covering.get(), a));
    }

    /** {@code context} with {@code experimentId} and {@code experimentArm} added when the step is under experiment. */
    public Map<String, String> labelled(String journey, String step, String customerId, Map<String, String> context) {
        Optional<Assigned> a = assigned(journey, step, customerId);
        if (a.isEmpty()) return context;
        Map<String, String> out = new HashMap<>(context);
        out.put(CONTEXT_ID, a.get().experiment().id());
        out.put(CONTEXT_ARM, a.get().arm().name());
        return out;
    }

    /**
     * The customer's fixed point in [0, 1) for the experiment: the first 8 bytes of SHA-256("experimentId:customerId")
     * as an unsigned fraction. Independent across experiments, the same on every machine and after every restart.
     */
    public static double point(String experimentId, String customerId) {
        byte[] d = Sha256.digest((experimentId + ":" + customerId).getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 8; i++) bits = (bits << 8) | (d[i] & 0xFF);
        // the top 53 bits, exactly representable as a double fraction
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** An assignment whose arm the file no longer declares is ignored (the step keeps its own offset). */
    private static Optional<Assigned> resolve(Experiment experiment, ExperimentAssignment a) {
        return experiment.arm(a.arm()).map(arm -> new Assigned(experiment, arm, a.promoted()));
    }
}
