package it.attimo.local.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event of the demo at its virtual time.
 *
 * @param cloudEvent the CloudEvent JSON to send
 * @param malformed a deliberately invalid companion sent in the same batch (null for most events)
 * @param deliveredTwice whether the demo delivers this event a second time (as webhooks and retries do)
 */
public record DemoEvent(
        Instant at,
        String customerId,
        String type,
        ObjectNode cloudEvent,
        ObjectNode malformed,
        boolean deliveredTwice) {}
