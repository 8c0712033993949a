package it.attimo.core.testing;

import it.attimo.core.event.CustomerEvent;
import it.attimo.core.port.EventLog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An event log that hands every call to another; a test overrides the calls it wants to bend. */
public class ForwardingEventLog implements EventLog {
    private final EventLog delegate;

    public ForwardingEventLog(EventLog delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean append(CustomerEvent event) {
        return delegate.append(event);
    }

    @Override
    public List<CustomerEvent> history(String customerId) {
        return delegate.history(customerId);
    }

    @Override
    public void erase(String customerId) {
        delegate.erase(customerId);
    }

    @Override
    public void erase(String customerId, Instant erasedAt) {
        delegate.erase(customerId, erasedAt);
    }

    @Override
    public Optional<Instant> erasedAt(String customerId) {
        return delegate.erasedAt(customerId);
    }
}
