package it.attimo.aws.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real AWS API implementation for the adapters that have no in-process one on Maven Central (S3, SNS platform
 * endpoints): moto's server ({@code python3 -m moto.server}), started on a free loopback port for one test class and
 * stopped after it. Where python3 or moto is not installed the test is skipped (JUnit assumption) with the reason;
 * nothing is faked in its place. Install with {@code pip install 'moto[server]'}.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts moto, or skips the calling test when python3 with moto's server is not on this machine. */
    public static MotoServer startOrSkip() throws IOException, InterruptedException {
        Assumptions.assumeTrue(
                motoInstalled(), "python3 with moto's server (pip install 'moto[server]') is not installed: skipped");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path log = Files.createTempFile("moto-", ".log");
        Process process = new ProcessBuilder(
                        List.of("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        MotoServer server = new MotoServer(process, port, log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!server.accepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited at start: " + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("moto did not listen on " + port + " within " + START_TIMEOUT);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return server;
    }

    static boolean motoInstalled() {
        try {
            Process p = new ProcessBuilder(List.of("python3", "-c", "import moto.server"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
                    .start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The endpoint override for SDK clients ({@code AwsClients.build(builder, region, endpoint())}). */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
