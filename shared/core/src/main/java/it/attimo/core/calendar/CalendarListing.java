package it.attimo.core.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Renders calendar days for people (one line each) and machines (a JSON array), as the CLI prints them. */
public final class CalendarListing {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CalendarListing() {}

    /** JSON array of {@code {"date":"YYYY-MM-DD","name":…,"scope":"national|local|soft","source":…}}. */
    public static String json(List<CalendarDay> days) {
        ArrayNode array = JSON.createArrayNode();
        for (CalendarDay d : days) {
            ObjectNode o = array.addObject();
            o.put("date", d.date().toString());
            o.put("name", d.name());
            o.put("scope", d.scope().id());
            o.put("source", d.source());
        }
        return array.toString();
    }

    /** One line per day: {@code 2026-06-02  national  Festa della Repubblica}. */
    public static String text(List<CalendarDay> days) {
        StringBuilder sb = new StringBuilder();
        for (CalendarDay d : days) {
            sb.append(d.date())
                    .append("  ")
                    .append(String.format("%-8s", d.scope().id()))
                    .append("  ")
                    .append(d.name())
                    .append(System.lineSeparator());
        }
        return sb.toString();
    }
}
