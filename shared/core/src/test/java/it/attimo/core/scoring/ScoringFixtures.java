package it.attimo.core.scoring;

import it.attimo.core.event.CustomerEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: events for one customer, and plans from inline JSON. */
final class ScoringFixtures {
    static final String CUSTOMER = "c-1";

    private ScoringFixtures() {}

    static CustomerEvent event(String id, String type, Instant time, Object... keyValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) data.put((String) keyValues[i], keyValues[i + 1]);
        return CustomerEvent.of(id, type, CUSTOMER, time, data);
    }

    static ScoringPlan plan(String json) {
        return ScoringPlanLoader.load(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test-plan.json");
    }

    /** A plan with the four default tiers around the given rules (a JSON array body) and groups (object body). */
    static ScoringPlan planWithRules(String groups, String rules) {
        return plan("""
                {"plan": "test", "groups": {%s},
                 "tiers": [{"name": "hot", "min": 45}, {"name": "engaged", "min": 25}, {"name": "cooling", "min": 0}, {"name": "at-risk"}],
                 "rules": [%s]}
                """.formatted(groups, rules));
    }
}
