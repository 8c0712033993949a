package it.attimo.core.port;

import it.attimo.core.event.CustomerEvent;
import java.util.List;

/** The ordered, per-customer queue between ingest and scoring (SQS FIFO: group = customer, dedup id = event id). */
public interface EventQueue {
    /** Publishes every event or throws; a partial publish must not be reported as success. */
    void publish(List<CustomerEvent> events);
}
