package it.attimo.core.journey;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code status} (and {@code reason}) result most actions return to the state machine. */
final class StepResults {
    private StepResults() {}

    static Map<String, Object> status(String status, String reason) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status);
        if (reason != null) out.put("reason", reason);
        return out;
    }
}
