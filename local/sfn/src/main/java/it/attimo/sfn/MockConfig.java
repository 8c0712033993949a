package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Step Functions Local MockConfigFile: {@code StateMachines.<name>.TestCases.<case>.<state> = <responseName>} and
 * {@code MockedResponses.<responseName>.<attempts> = {"Return": json} | {"Throw": {"Error", "Cause"}}}, where attempts
 * is {@code "0"} or a range {@code "1-2"} (0-based invocation counts of the state).
 */
public final class MockConfig {
    /** One mocked outcome: a return value or a thrown error. */
    public record MockedResponse(Optional<JsonNode> returnValue, Optional<String> error, Optional<String> cause) {}

    private record Attempts(int from, int to, MockedResponse response) {}

    private final Map<String, Map<String, Map<String, String>>> testCases;
    private final Map<String, List<Attempts>> responses;

    private MockConfig(Map<String, Map<String, Map<String, String>>> testCases, Map<String, List<Attempts>> responses) {
        this.testCases = testCases;
        this.responses = responses;
    }

    /** Parses a MockConfigFile; throws IllegalArgumentException naming the first malformed entry. */
    public static MockConfig parse(String json) {
        JsonNode root = Json.parse(json);
        Map<String, Map<String, Map<String, String>>> testCases = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> machines =
                        root.path("StateMachines").fields();
                machines.hasNext(); ) {
            Map.Entry<String, JsonNode> machine = machines.next();
            Map<String, Map<String, String>> cases = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            machine.getValue().path("TestCases").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> testCase = it.next();
                Map<String, String> states = new LinkedHashMap<>();
                testCase.getValue()
                        .fields()
                        .forEachRemaining(
                                e -> states.put(e.getKey(), e.getValue().asText()));
                cases.put(testCase.getKey(), states);
            }
            testCases.put(machine.getKey(), cases);
        }
        Map<String, List<Attempts>> responses = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        root.path("MockedResponses").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> response = it.next();
            List<Attempts> attempts = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> a = response.getValue().fields(); a.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = a.next();
                attempts.add(attempts(response.getKey(), entry.getKey(), entry.getValue()));
            }
            responses.put(response.getKey(), attempts);
        }
        for (Map<String, Map<String, String>> cases : testCases.values()) {
            for (Map<String, String> states : cases.values()) {
                for (String responseName : states.values()) {
                    if (!responses.containsKey(responseName)) {
                        throw new IllegalArgumentException(
                                "mock config: test case refers to unknown MockedResponse '" + responseName + "'");
                    }
                }
            }
        }
        return new MockConfig(testCases, responses);
    }

    private static Attempts attempts(String responseName, String key, JsonNode value) {
        int from;
        int to;
        try {
            String[] bounds = key.split("-", -1);
            from = Integer.parseInt(bounds[0].trim());
            to = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : from;
            if (bounds.length > 2 || to < from || from < 0) {
                throw new NumberFormatException(key);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mock config: MockedResponses." + responseName
                    + " has a bad attempt key '" + key + "' (use \"0\" or \"1-2\")");
        }
        MockedResponse response;
        if (value.has("Return")) {
            response = new MockedResponse(Optional.of(value.get("Return")), Optional.empty(), Optional.empty());
        } else if (value.has("Throw")) {
            JsonNode thrown = value.get("Throw");
            response = new MockedResponse(
                    Optional.empty(),
                    Optional.of(thrown.path("Error").asText("")),
                    Optional.ofNullable(thrown.path("Cause").asText(null)));
        } else {
            throw new IllegalArgumentException(
                    "mock config: MockedResponses." + responseName + "." + key + " needs Return or Throw");
        }
        return new Attempts(from, to, response);
    }

    public List<String> testCases(String stateMachineName) {
        return List.copyOf(testCases.getOrDefault(stateMachineName, Map.of()).keySet());
    }

    /** The mocked response name for a state in a test case, if the state is mocked there. */
    public Optional<String> responseName(String stateMachineName, String testCase, String stateName) {
        return Optional.ofNullable(testCases
                .getOrDefault(stateMachineName, Map.of())
                .getOrDefault(testCase, Map.of())
                .get(stateName));
    }

    /** The response for the given 0-based invocation of a mocked response, if one covers it. */
    public Optional<MockedResponse> response(String responseName, int invocationIndex) {
        for (Attempts attempts : responses.getOrDefault(responseName, List.of())) {
            if (invocationIndex >= attempts.from() && invocationIndex <= attempts.to()) {
                return Optional.of(attempts.response());
            }
        }
        return Optional.empty();
    }
}
