package it.attimo.core.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads scoring plans: rules are data (JSON), validated at load. The default plan ships as a resource; a plan
 * file named in configuration replaces it entirely ({@link #loadOrDefault}).
 */
public final class ScoringPlanLoader {
    /** Classpath location of the default B2B onboarding plan. */
    public static final String DEFAULT_RESOURCE = "/it/attimo/core/scoring/default-plan.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScoringPlanLoader() {}

    /**
     * @param sourceName how to name the source in errors (file or resource name)
     * @throws ScoringPlanException listing every problem, each with rule id, field and reason
     */
    public static ScoringPlan load(InputStream json, String sourceName) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new ScoringPlanException(
                    sourceName,
                    List.of(new PlanProblem(null, "$", "not valid JSON" + where + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scoring plan " + sourceName, e);
        }
        return new PlanCompiler(sourceName).compile(root);
    }

    public static ScoringPlan load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scoring plan " + file, e);
        }
    }

    public static ScoringPlan loadDefault() {
        try (InputStream in = ScoringPlanLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null)
                throw new IllegalStateException("default scoring plan missing from the classpath: " + DEFAULT_RESOURCE);
            return load(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** The plan file named in configuration when there is one (blank counts as none), else the default plan. */
    public static ScoringPlan loadOrDefault(String configuredPath) {
        return configuredPath == null || configuredPath.isBlank() ? loadDefault() : load(Path.of(configuredPath));
    }
}
