package it.attimo.core.journey;

import it.attimo.core.port.EventLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code progress}: which required milestones the customer has not reached yet. */
public final class Progress {
    private final EventLog eventLog;
    private final JourneyCatalog catalog;

    public Progress(EventLog eventLog, JourneyCatalog catalog) {
        this.eventLog = eventLog;
        this.catalog = catalog;
    }

    public Map<String, Object> progress(ProgressStep p) {
        List<String> required =
                p.required().isEmpty() ? catalog.require(p.journey()).requiredKeys() : p.required();
        List<String> missing = Milestones.missing(eventLog.history(p.customerId()), required, p.since());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("finished", missing.isEmpty());
        out.put("missing", missing);
        return out;
    }
}
