package it.attimo.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.aws.channel.OutboxMessage;
import it.attimo.aws.channel.OutboxQuery;
import it.attimo.aws.sqs.DeadLetterQueue;
import it.attimo.core.ingest.QuarantinedEvent;
import it.attimo.local.AdvanceResult;
import it.attimo.sfn.ExecutionDescription;
import it.attimo.sfn.HistoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the local HTTP routes need from the stack (a fake in route tests). */
public interface LocalBackend {
    /** Calls a deployed function's handler with an API Gateway event; answers what the handler returned. */
    Object invokeHttpFunction(String logicalId, APIGatewayV2HTTPEvent event);

    Instant now();

    /** "manual" or "realtime". */
    String clockMode();

    AdvanceResult advanceTo(Instant target);

    /**
     * Sets the virtual clock to {@code target}: forward as {@link #advanceTo}; back only while nothing is pending
     * (queued events, running journeys, re-score timers), otherwise a {@link it.attimo.core.error.Conflict} naming
     * what is.
     */
    AdvanceResult setClock(Instant target);

    ObjectNode health();

    /** What the events queue's dead-letter queue holds (up to {@code max}), left in place: {@link DeadLetterQueue#report}. */
    ObjectNode deadLetters(int max);

    /** Moves every dead letter back to the events queue; answers how many. */
    int redriveDeadLetters();

    /** Outbox messages ordered by send time, optionally of one customer. */
    List<OutboxMessage> outbox(Optional<String> customerId);

    /** The outbox messages {@code query} selects, ordered by send time. */
    default List<OutboxMessage> outbox(OutboxQuery query) {
        return outbox(query.customerId()).stream().filter(query::matches).toList();
    }

    List<QuarantinedEvent> quarantine(int limit);

    List<ExecutionDescription> executions();

    /** The history of the execution with this name (any journey), if there is one. */
    Optional<List<HistoryEvent>> history(String executionName);
}
