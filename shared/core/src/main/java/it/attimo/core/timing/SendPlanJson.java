package it.attimo.core.timing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The JSON and text forms of a {@link SendPlan}, as the CLI and the API print them. */
public final class SendPlanJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SendPlanJson() {}

    /**
     * {@code {"sendAt":"2026-11-24T09:00:00Z","localTime":"2026-11-24T10:00:00","utcOffset":"+01:00","zone":"Europe/Rome",
     * "suitability":90,"reasons":[…],"skipped":null,"belowThreshold":false}}; when skipped, {@code sendAt} and {@code utcOffset} are absent,
     * {@code localTime} is null and {@code skipped} holds the reason.
     */
    public static ObjectNode toJson(SendPlan plan) {
        ObjectNode o = JSON.createObjectNode();
        if (plan.sendAt() != null) {
            ZonedDateTime z = plan.sendAt().atZone(LocalSlots.ROME);
            o.put("sendAt", plan.sendAt().toString());
            o.put("localTime", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(z.toLocalDateTime()));
            o.put("utcOffset", z.getOffset().getId());
            o.put("zone", LocalSlots.ROME.getId());
        } else {
            o.putNull("localTime");
        }
        o.put("suitability", plan.suitability());
        ArrayNode reasons = o.putArray("reasons");
        plan.reasons().forEach(reasons::add);
        if (plan.skipped() != null) o.put("skipped", plan.skipped());
        else o.putNull("skipped");
        o.put("belowThreshold", plan.belowThreshold());
        return o;
    }

    public static String json(SendPlan plan) {
        return toJson(plan).toString();
    }

    public static String text(SendPlan plan) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        if (plan.isSkipped()) {
            sb.append("skipped: ").append(plan.skipped()).append(nl);
        } else {
            ZonedDateTime z = plan.sendAt().atZone(LocalSlots.ROME);
            sb.append("send at ")
                    .append(plan.sendAt())
                    .append(" (")
                    .append(z.toLocalDateTime())
                    .append(' ')
                    .append(z.getOffset())
                    .append(" Europe/Rome)")
                    .append(nl);
        }
        sb.append("suitability ").append(plan.suitability()).append("/100");
        if (plan.belowThreshold()) sb.append(" (below the threshold: best allowed slot)");
        sb.append(nl);
        plan.reasons().forEach(r -> sb.append("  - ").append(r).append(nl));
        return sb.toString();
    }
}
