package it.attimo.core.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import it.attimo.core.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The top-level graph of one ASL state machine, read from its file as it is (the journey map draws nothing else):
 * states in file order with their {@code Type}, every edge ({@code Next}, {@code Default}, {@code Choices[].Next},
 * {@code Catch[].Next}) and the <em>main line</em>: from {@code StartAt}, each state's {@code Next} (a Choice's
 * {@code Default}) until a terminal state, in order, whose last state is the journey's normal end. A pure reader: the core does
 * not depend on the local executor's parser.
 */
public record AslGraph(
        String startAt,
        List<State> states,
        List<Edge> edges,
        Set<String> mainLine,
        String normalEnd,
        Set<Edge> signals) {

    /**
     * One state. {@code step} is the journey step its Task payload names ({@code Parameters.Payload.step}), if any;
     * {@code action} the payload's {@code action} (plan, dispatch, complete...), if any.
     */
    public record State(String name, String type, String step, String action, boolean terminal) {}

    /**
     * {@code kind}: next, default, choice or catch. A catch edge whose errors are all the journey's own (none a
     * {@code States.*} error, e.g. onboarding's {@code Attimo.OnboardingFinished}) is also in {@link #signals}: the
     * state ends early by design there, it does not fail.
     */
    public record Edge(String from, String to, String kind) {}

    public AslGraph {
        states = List.copyOf(states);
        edges = List.copyOf(edges);
        mainLine = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(mainLine));
        signals = Set.copyOf(signals);
    }

    public static AslGraph parse(String source, String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode statesNode = root.path("States");
        String startAt = root.path("StartAt").asText(null);
        if (!statesNode.isObject() || startAt == null || !statesNode.has(startAt))
            throw new IllegalArgumentException(source + " is not a state machine (StartAt and States are required)");
        List<State> states = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        Set<Edge> signals = new HashSet<>();
        for (Map.Entry<String, JsonNode> e : iterable(statesNode)) {
            String name = e.getKey();
            JsonNode s = e.getValue();
            String type = s.path("Type").asText("");
            JsonNode payload = s.path("Parameters").path("Payload");
            boolean terminal = s.path("End").asBoolean(false) || type.equals("Succeed") || type.equals("Fail");
            states.add(new State(name, type, text(payload, "step"), text(payload, "action"), terminal));
            if (s.hasNonNull("Next")) edges.add(new Edge(name, s.get("Next").asText(), "next"));
            for (JsonNode c : s.path("Choices"))
                if (c.hasNonNull("Next")) edges.add(new Edge(name, c.get("Next").asText(), "choice"));
            if (s.hasNonNull("Default"))
                edges.add(new Edge(name, s.get("Default").asText(), "default"));
            for (JsonNode c : s.path("Catch")) {
                if (!c.hasNonNull("Next")) continue;
                Edge edge = new Edge(name, c.get("Next").asText(), "catch");
                edges.add(edge);
                boolean own = c.path("ErrorEquals").size() > 0;
                for (JsonNode error : c.path("ErrorEquals"))
                    own &= !error.asText().startsWith("States.");
                if (own) signals.add(edge);
            }
        }
        Set<String> mainLine = new LinkedHashSet<>();
        String at = startAt;
        String end = null;
        while (at != null && mainLine.add(at)) {
            JsonNode s = statesNode.path(at);
            String type = s.path("Type").asText("");
            if (s.path("End").asBoolean(false) || type.equals("Succeed")) {
                end = at;
                break;
            }
            if (type.equals("Fail")) break;
            at = type.equals("Choice") ? text(s, "Default") : text(s, "Next");
        }
        return new AslGraph(startAt, states, edges, mainLine, end, signals);
    }

    public Optional<State> state(String name) {
        return states.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<String> stateNames() {
        return states.stream().map(State::name).toList();
    }

    /** The states an edge of {@code from} leads to, each once. */
    public Set<String> successors(String from) {
        Set<String> out = new LinkedHashSet<>();
        for (Edge e : edges) if (e.from().equals(from)) out.add(e.to());
        return out;
    }

    /** Whether leaving {@code from} for {@code to} is a catch of the journey's own signal (see {@link Edge}). */
    public boolean signal(String from, String to) {
        return signals.contains(new Edge(from, to, "catch"));
    }

    /** The states a {@code Catch} of {@code from} leads to. */
    public Set<String> catchTargets(String from) {
        Set<String> out = new HashSet<>();
        for (Edge e : edges) if (e.from().equals(from) && e.kind().equals("catch")) out.add(e.to());
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() ? null : v.textValue();
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
