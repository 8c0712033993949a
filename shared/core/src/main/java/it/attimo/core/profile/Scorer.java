package it.attimo.core.profile;

import it.attimo.core.customer.ScoreLine;
import it.attimo.core.event.CustomerEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Computes a customer's score as a pure fold of their event log at an instant. */
public interface Scorer {
    Score score(List<CustomerEvent> history, Instant at);

    record Score(double value, String tier, List<ScoreLine> breakdown, Optional<Instant> nextDeadline) {}

    /** Until a scoring plan is configured: everyone scores 0, tier "unscored". */
    Scorer NONE = (history, at) -> new Score(0, "unscored", List.of(), Optional.empty());
}
