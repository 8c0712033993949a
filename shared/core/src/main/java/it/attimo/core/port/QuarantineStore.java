package it.attimo.core.port;

import it.attimo.core.ingest.QuarantinedEvent;
import java.util.List;

/** Unusable events kept for inspection instead of being dropped. */
public interface QuarantineStore {
    void keep(QuarantinedEvent event);

    List<QuarantinedEvent> recent(int limit);
}
