package it.attimo.core.port;

import it.attimo.core.insights.JourneyExecution;
import java.util.List;
import java.util.Optional;

/**
 * Where each journey execution is (the journey map and the customer view read it): Step Functions' ListExecutions and
 * GetExecutionHistory on AWS, the in-process executor's history locally.
 */
public interface JourneyExecutions {
    /** The journey's executions, newest first, at most {@code limit} of them, each with its state history. */
    List<JourneyExecution> executions(String journey, int limit);

    /** One execution of the journey, by name; empty when it does not exist (or the journey has no state machine). */
    Optional<JourneyExecution> execution(String journey, String executionName);

    /** No runtime to ask: every journey has no executions. */
    JourneyExecutions NONE = new JourneyExecutions() {
        @Override
        public List<JourneyExecution> executions(String journey, int limit) {
            return List.of();
        }

        @Override
        public Optional<JourneyExecution> execution(String journey, String executionName) {
            return Optional.empty();
        }
    };
}
