package it.attimo.core.journey;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code timeline}: the instants of named marks from an anchor, so that Wait states can use TimestampPath. */
public final class Timeline {
    public Map<String, Object> instants(TimelineStep p) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Duration> m : p.marks().entrySet()) {
            out.put(m.getKey(), p.anchor().plus(m.getValue()).toString());
        }
        return out;
    }
}
