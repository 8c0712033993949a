package it.attimo.core.testing;

import it.attimo.core.event.CloudEventJson;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventQueue;
import it.attimo.core.profile.InboundMessage;
import java.util.ArrayList;
import java.util.List;

/** Records what ingest publishes; can be told to fail the next publish. */
public final class InMemoryEventQueue implements EventQueue {
    private final List<CustomerEvent> published = new ArrayList<>();
    private int publishCalls;
    private RuntimeException nextFailure;

    @Override
    public synchronized void publish(List<CustomerEvent> events) {
        publishCalls++;
        if (nextFailure != null) {
            RuntimeException e = nextFailure;
            nextFailure = null;
            throw e;
        }
        published.addAll(events);
    }

    public synchronized void failNextPublish(RuntimeException failure) {
        this.nextFailure = failure;
    }

    public synchronized List<CustomerEvent> published() {
        return List.copyOf(published);
    }

    public synchronized int publishCalls() {
        return publishCalls;
    }

    /** Takes everything published so far, as the score function would receive it (CloudEvent JSON bodies). */
    public synchronized List<InboundMessage> drain() {
        List<InboundMessage> out = new ArrayList<>();
        for (CustomerEvent e : published) out.add(new InboundMessage("m-" + e.id(), CloudEventJson.toJson(e)));
        published.clear();
        return out;
    }
}
