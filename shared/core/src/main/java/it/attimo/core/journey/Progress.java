package it.attimo.core.journey;

import it.attimo.core.port.EventLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code progress}: which required milestones the customer has not reached yet. */
public final class Progress {
    private final EventLog eventLog;

    public Progress(EventLog eventLog) {
        this.eventLog = eventLog;
    }

    public Map<String, Object> progress(ProgressStep p) {
        List<String> missing = Milestones.missing(eventLog.history(p.customerId()), p.required(), p.since());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("finished", missing.isEmpty());
        out.put("missing", missing);
        return out;
    }
}
