package it.attimo.local.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The usage the project's files cannot tell (durations, DynamoDB calls and units per step, events and re-scores per
 * customer), read from {@value #BUNDLED}. Every number there is {@code {"value": n, "comment": "where it comes
 * from"}}; one without its comment is refused.
 */
public record UsageAssumptions(
        int loopPasses,
        int mapItems,
        double otherEventsPerCustomer,
        double ingestDurationMs,
        double scoreInvocationsPerEvent,
        double scoreDurationMs,
        double getItemsPerEvent,
        double putItemsPerEvent,
        double queriesPerEvent,
        double sqsRequestsPerEvent,
        double schedulerInvocationsPerCustomer,
        double readUnitsPerGetItem,
        double readUnitsPerQuery,
        double writeUnitsPerWrite,
        Map<String, TaskProfile> journeyTasks) {

    public static final String BUNDLED = "/it/attimo/local/cost/usage-assumptions.json";
    /** Where to edit it. */
    public static final String SOURCE_FILE = "local/stack/src/main/resources" + BUNDLED;

    static final String DEFAULT_TASK = "default";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one Lambda task of a journey costs, by its action.
     *
     * @param writes PutItem and DeleteItem calls
     * @param sendsMessage the task sends one message on its {@code channel} (SES email, SNS SMS)
     */
    public record TaskProfile(
            double durationMs, double getItems, double queries, double writes, boolean sendsMessage) {}

    public UsageAssumptions {
        journeyTasks = Map.copyOf(journeyTasks);
        if (!journeyTasks.containsKey(DEFAULT_TASK)) {
            throw new IllegalArgumentException("journeyTasks needs a '" + DEFAULT_TASK + "' profile");
        }
    }

    /** The profile of a task's action; the default one for an action the file does not list (or none). */
    public TaskProfile task(String action) {
        return journeyTasks.getOrDefault(action == null ? DEFAULT_TASK : action, journeyTasks.get(DEFAULT_TASK));
    }

    public static UsageAssumptions bundled() {
        try (InputStream in = UsageAssumptions.class.getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IllegalStateException("the assumptions file is missing: " + BUNDLED);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED, e);
        }
    }

    /** @throws IllegalArgumentException naming the first number that is missing, negative or without a comment */
    public static UsageAssumptions parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the assumptions file is not JSON: " + e.getMessage());
        }
        Map<String, TaskProfile> tasks = new LinkedHashMap<>();
        JsonNode taskNodes = root.path("journeyTasks");
        for (Iterator<String> it = taskNodes.fieldNames(); it.hasNext(); ) {
            String action = it.next();
            if (action.equals("comment")) continue;
            String at = "journeyTasks." + action + ".";
            JsonNode t = taskNodes.path(action);
            tasks.put(
                    action,
                    new TaskProfile(
                            number(t, "durationMs", at),
                            number(t, "getItems", at),
                            number(t, "queries", at),
                            number(t, "writes", at),
                            t.path("sendsMessage").asBoolean(false)));
        }
        return new UsageAssumptions(
                whole(root.path("path"), "loopPasses", "path."),
                whole(root.path("path"), "mapItems", "path."),
                number(root.path("events"), "otherEventsPerCustomer", "events."),
                number(root.path("events"), "ingestDurationMs", "events."),
                number(root.path("events"), "scoreInvocationsPerEvent", "events."),
                number(root.path("events"), "scoreDurationMs", "events."),
                number(root.path("events"), "getItemsPerEvent", "events."),
                number(root.path("events"), "putItemsPerEvent", "events."),
                number(root.path("events"), "queriesPerEvent", "events."),
                number(root.path("events"), "sqsRequestsPerEvent", "events."),
                number(root.path("rescores"), "schedulerInvocationsPerCustomer", "rescores."),
                number(root.path("dynamoDb"), "readUnitsPerGetItem", "dynamoDb."),
                number(root.path("dynamoDb"), "readUnitsPerQuery", "dynamoDb."),
                number(root.path("dynamoDb"), "writeUnitsPerWrite", "dynamoDb."),
                tasks);
    }

    private static double number(JsonNode parent, String field, String at) {
        JsonNode n = parent.path(field);
        if (!n.path("value").isNumber() || n.path("value").asDouble() < 0) {
            throw new IllegalArgumentException(at + field + " needs a non-negative number {\"value\": ...}");
        }
        if (n.path("comment").asText("").isBlank()) {
            throw new IllegalArgumentException(at + field + " needs a comment saying where the number comes from");
        }
        return n.path("value").asDouble();
    }

    private static int whole(JsonNode parent, String field, String at) {
        double value = number(parent, field, at);
        if (value < 1 || value != Math.rint(value)) {
            throw new IllegalArgumentException(at + field + " must be a whole number of at least 1");
        }
        return (int) value;
    }
}
