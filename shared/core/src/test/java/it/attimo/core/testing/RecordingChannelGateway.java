package it.attimo.core.testing;

import it.attimo.core.journey.OutboundMessage;
import it.attimo.core.port.ChannelGateway;
import java.util.ArrayList;
import java.util.List;

/** Records every message handed to the provider; can be told to fail the next N sends. */
public final class RecordingChannelGateway implements ChannelGateway {
    private final List<OutboundMessage> sent = new ArrayList<>();
    private int failNext;

    @Override
    public synchronized String send(OutboundMessage message) {
        if (failNext > 0) {
            failNext--;
            throw new IllegalStateException("provider unavailable");
        }
        sent.add(message);
        return "provider-" + sent.size();
    }

    public synchronized void failNextSends(int n) {
        failNext = n;
    }

    public synchronized List<OutboundMessage> sent() {
        return List.copyOf(sent);
    }
}
