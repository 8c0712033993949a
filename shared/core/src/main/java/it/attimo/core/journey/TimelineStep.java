package it.attimo.core.journey;

import static it.attimo.core.journey.StepFields.required;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code timeline}: the instants {@code anchor + mark} of named marks, in the payload's order. */
public record TimelineStep(Instant anchor, Map<String, Duration> marks) implements JourneyStep {
    public TimelineStep {
        required(anchor, "anchor");
        if (marks == null || marks.isEmpty()) {
            throw new IllegalArgumentException("timeline needs marks: {name: ISO-8601 duration}");
        }
        marks = Collections.unmodifiableMap(new LinkedHashMap<>(marks));
    }

    @Override
    public String action() {
        return "timeline";
    }
}
