package it.attimo.local;

import java.nio.file.Path;
import java.time.Instant;

/**
 * How to start a {@link LocalStack}.
 *
 * @param home the project directory holding template.yaml and statemachines/
 * @param dataDir where DynamoDB Local keeps its files (null: everything in memory, nothing survives a stop)
 * @param httpPort the HTTP port on 127.0.0.1 (0: a free one)
 * @param start the virtual clock's first instant when the data directory has none persisted (null: now, whole second)
 * @param realtime whether the virtual clock also follows the wall clock (serve's default); manual otherwise
 * @param webhookSecret secret of X-Attimo-Signature
 * @param hubspotSecret HubSpot app client secret
 * @param queueWorkers pollers of the FIFO queue (2-4); 0 accepts and queues events without scoring them, until a
 *                     stack with workers runs on the same data
 * @param journeysFile the journeys' declarations, with their ASL files beside it (null: home/statemachines/journeys.json)
 */
public record StackOptions(
        Path home,
        Path dataDir,
        int httpPort,
        Instant start,
        boolean realtime,
        String webhookSecret,
        String hubspotSecret,
        int queueWorkers,
        Path journeysFile) {

    public StackOptions(
            Path home,
            Path dataDir,
            int httpPort,
            Instant start,
            boolean realtime,
            String webhookSecret,
            String hubspotSecret,
            int queueWorkers) {
        this(home, dataDir, httpPort, start, realtime, webhookSecret, hubspotSecret, queueWorkers, null);
    }

    public StackOptions {
        if (home == null) {
            throw new IllegalArgumentException("home (the directory with template.yaml) is required");
        }
        if (queueWorkers < 0) {
            throw new IllegalArgumentException("queue workers cannot be negative");
        }
        journeysFile = journeysFile == null ? home.resolve("statemachines").resolve("journeys.json") : journeysFile;
    }

    /** Manual clock, in memory, free port: what tests and the demo use. */
    public static StackOptions inMemory(Path home, Instant start, String webhookSecret) {
        return new StackOptions(home, null, 0, start, false, webhookSecret, "local-hubspot-secret", 3);
    }

    /** Journeys declared by another journeys.json (and the ASL files beside it), e.g. a test's own journey. */
    public StackOptions withJourneysFile(Path file) {
        return new StackOptions(
                home, dataDir, httpPort, start, realtime, webhookSecret, hubspotSecret, queueWorkers, file);
    }

    public StackOptions withDataDir(Path dir) {
        return new StackOptions(
                home, dir, httpPort, start, realtime, webhookSecret, hubspotSecret, queueWorkers, journeysFile);
    }

    public StackOptions withHttpPort(int port) {
        return new StackOptions(
                home, dataDir, port, start, realtime, webhookSecret, hubspotSecret, queueWorkers, journeysFile);
    }

    public StackOptions withRealtime(boolean realtimeClock) {
        return new StackOptions(
                home,
                dataDir,
                httpPort,
                start,
                realtimeClock,
                webhookSecret,
                hubspotSecret,
                queueWorkers,
                journeysFile);
    }
}
