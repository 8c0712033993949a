package it.attimo.bench.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code attimo serve --data DIR --clock manual} in a child JVM (this JVM's classpath), so that a kill is a real SIGKILL:
 * no shutdown hook, no drain. Each start picks a free port; {@link #base()} blocks while the server is down.
 */
final class ServeProcess {
    private static final Pattern SERVING = Pattern.compile("Attimo is serving on (http://127\\.0\\.0\\.1:\\d+)");

    private final Path home;
    private final Path data;
    private final Instant start;
    private final String secret;
    private final Path log;
    private Process process;
    private CompletableFuture<URI> serving = new CompletableFuture<>();
    private int starts;

    ServeProcess(Path home, Path data, Instant start, String secret) {
        this.home = home;
        this.data = data;
        this.start = start;
        this.secret = secret;
        this.log = data.resolveSibling(data.getFileName() + "-serve.log");
    }

    synchronized Duration start() throws IOException {
        long t0 = System.nanoTime();
        java.nio.file.Files.createDirectories(data);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(
                java.toString(),
                "-Xmx2g",
                "-cp",
                System.getProperty("java.class.path"),
                "it.attimo.local.cli.AttimoCli",
                "serve",
                "--data",
                data.toString(),
                "--port",
                "0",
                "--clock",
                "manual",
                "--start",
                start.toString(),
                "--webhook-secret",
                secret,
                "--hubspot-secret",
                "chaos-unused");
        // clients waiting since the kill wait on this same future
        if (serving.isDone()) serving = new CompletableFuture<>();
        CompletableFuture<URI> up = serving;
        process = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .start();
        starts++;
        Process p = process;
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                            PrintStream file = new PrintStream(
                                    new java.io.FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8)) {
                        file.println("---- start " + starts + " at " + Instant.now());
                        for (String line; (line = out.readLine()) != null; ) {
                            file.println(line);
                            Matcher m = SERVING.matcher(line);
                            if (m.find()) up.complete(URI.create(m.group(1)));
                        }
                        up.completeExceptionally(
                                new IllegalStateException("attimo serve ended before serving; see " + log));
                    } catch (IOException e) {
                        up.completeExceptionally(e);
                    }
                },
                "chaos-serve-output");
        reader.setDaemon(true);
        reader.start();
        try {
            up.get(300, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("attimo serve did not come up: " + e.getMessage() + " (log: " + log + ")", e);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** SIGKILL, and wait until the process is gone. */
    synchronized void kill() throws InterruptedException {
        serving = new CompletableFuture<>();
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException("the killed server did not exit");
    }

    /** Where the server listens now; waits (up to 5 minutes) while it is being restarted. */
    URI base() throws Exception {
        CompletableFuture<URI> current;
        synchronized (this) {
            current = serving;
        }
        return current.get(5, TimeUnit.MINUTES);
    }

    int starts() {
        return starts;
    }

    Path log() {
        return log;
    }
}
