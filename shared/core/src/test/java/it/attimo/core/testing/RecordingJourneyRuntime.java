package it.attimo.core.testing;

import it.attimo.core.port.JourneyRuntime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records what the use cases ask of the journey runtime. Starts are idempotent by execution name; a task token
 * closes on its first resume or fail, after which both return false.
 */
public final class RecordingJourneyRuntime implements JourneyRuntime {
    public record Execution(String journey, String executionName, String input) {}

    public record Resume(String taskToken, String output) {}

    public record Failure(String taskToken, String error, String cause) {}

    public record Stop(String journey, String executionName, String cause) {}

    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private final List<Resume> resumes = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<Stop> stops = new ArrayList<>();
    private final Set<String> closedTokens = new HashSet<>();
    private final Set<String> supported;
    private int startCalls;

    /** Supports every journey. */
    public RecordingJourneyRuntime() {
        this(null);
    }

    /** Supports only {@code supported} (null: all). */
    public RecordingJourneyRuntime(Set<String> supported) {
        this.supported = supported == null ? null : Set.copyOf(supported);
    }

    @Override
    public synchronized boolean start(String journey, String executionName, String inputJson) {
        startCalls++;
        return executions.putIfAbsent(executionName, new Execution(journey, executionName, inputJson)) == null;
    }

    @Override
    public synchronized boolean resume(String taskToken, String outputJson) {
        if (!closedTokens.add(taskToken)) return false;
        resumes.add(new Resume(taskToken, outputJson));
        return true;
    }

    @Override
    public synchronized boolean fail(String taskToken, String error, String cause) {
        if (!closedTokens.add(taskToken)) return false;
        failures.add(new Failure(taskToken, error, cause));
        return true;
    }

    @Override
    public synchronized void stop(String journey, String executionName, String cause) {
        stops.add(new Stop(journey, executionName, cause));
    }

    @Override
    public boolean supports(String journey) {
        return supported == null || supported.contains(journey);
    }

    /** Marks a token closed, as if its task had already finished or timed out. */
    public synchronized void close(String taskToken) {
        closedTokens.add(taskToken);
    }

    public synchronized List<Execution> executions() {
        return List.copyOf(executions.values());
    }

    public synchronized int startCalls() {
        return startCalls;
    }

    public synchronized List<Resume> resumes() {
        return List.copyOf(resumes);
    }

    public synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }

    public synchronized List<Stop> stops() {
        return List.copyOf(stops);
    }
}
