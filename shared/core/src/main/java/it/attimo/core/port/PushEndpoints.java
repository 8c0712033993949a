package it.attimo.core.port;

import java.util.Optional;

/**
 * The push provider's endpoints (SNS platform endpoints on AWS): whose an endpoint is and whether it still takes
 * messages. The push gateway writes the customer id on the endpoint when it creates or refreshes it, so the endpoint
 * itself is the mapping; nothing about it is stored by Attimo.
 */
public interface PushEndpoints {
    /** An endpoint of Attimo's: its customer, and whether the provider still delivers to it. */
    record Endpoint(String customerId, boolean enabled) {}

    /** The endpoint, or empty when it does not exist (deleted) or names no customer. */
    Optional<Endpoint> find(String endpointArn);

    /** Where there are no push endpoints (the local stack: push goes to the outbox). */
    PushEndpoints NONE = endpointArn -> Optional.empty();
}
