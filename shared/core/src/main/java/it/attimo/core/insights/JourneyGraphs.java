package it.attimo.core.insights;

import it.attimo.core.journey.JourneyDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each journey's {@link AslGraph}, read from its ASL file: beside the journeys file when one is configured (the local
 * stack: statemachines/), else from the copy the build bundles beside journeys.json in the core jar.
 */
public final class JourneyGraphs {
    private static final String BUNDLED = "/it/attimo/core/journey/";

    private final Path directory;
    private final Map<String, AslGraph> graphs = new ConcurrentHashMap<>();

    private JourneyGraphs(Path directory) {
        this.directory = directory;
    }

    /** The ASL files beside {@code journeysFile}, or the bundled ones when it is null or blank. */
    public static JourneyGraphs besideOrBundled(String journeysFile) {
        return new JourneyGraphs(
                journeysFile == null || journeysFile.isBlank()
                        ? null
                        : Path.of(journeysFile).toAbsolutePath().getParent());
    }

    public AslGraph of(JourneyDefinition journey) {
        return graphs.computeIfAbsent(journey.asl(), asl -> AslGraph.parse(asl, read(asl)));
    }

    private String read(String asl) {
        try {
            if (directory != null) return Files.readString(directory.resolve(asl), StandardCharsets.UTF_8);
            try (InputStream in = JourneyGraphs.class.getResourceAsStream(BUNDLED + asl)) {
                if (in == null)
                    throw new IllegalStateException(asl + " is missing from the classpath (" + BUNDLED + ")");
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state machine " + asl + ": " + e.getMessage(), e);
        }
    }
}
