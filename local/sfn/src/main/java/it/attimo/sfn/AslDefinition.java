package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A parsed and validated state machine definition (substitutions already applied). Immutable. */
public final class AslDefinition {
    private final JsonNode root;
    private final String json;

    AslDefinition(JsonNode root) {
        this.root = root.deepCopy();
        this.json = Json.write(root);
    }

    /** The definition as JSON text, e.g. to store with an execution. */
    public String json() {
        return json;
    }

    public String startAt() {
        return root.path("StartAt").asText();
    }

    /** Top-level TimeoutSeconds, if any. */
    public Optional<Integer> timeoutSeconds() {
        JsonNode t = root.get("TimeoutSeconds");
        return t != null && t.canConvertToInt() ? Optional.of(t.intValue()) : Optional.empty();
    }

    /** The object holding StartAt and States at a JSON pointer ("" for the top level, else a branch/processor). */
    JsonNode scope(String pointer) {
        return pointer.isEmpty() ? root : root.at(pointer);
    }

    JsonNode state(String scopePointer, String stateName) {
        return scope(scopePointer).path("States").path(stateName);
    }
}
