package it.attimo.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.local.demo.DemoRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attimo demo}: synthetic Italian customers through the real endpoints at accelerated time. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start the embedded stack, send synthetic Italian customers' events through the real HTTP "
                + "endpoints while a virtual clock advances hour by hour, and summarise what happened. Exit 0 when the "
                + "stack behaved (no 5xx, no transport errors, no dead letters, every customer has a profile).")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--customers", defaultValue = "1000", description = "how many customers (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--seed", defaultValue = "42", description = "random seed: same seed, same customers and events")
    long seed;

    @Option(names = "--days", defaultValue = "4", description = "virtual days to run (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--data", paramLabel = "DIR", description = "keep DynamoDB Local's files here (default: in memory)")
    String data;

    @Option(
            names = "--start",
            paramLabel = "<ISO instant>",
            defaultValue = "2026-06-08T06:00:00Z",
            description = "virtual start (default ${DEFAULT-VALUE})")
    Instant start;

    @Option(names = "--clients", defaultValue = "8", description = "HTTP client threads (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--workers", defaultValue = "3", description = "queue pollers (default ${DEFAULT-VALUE})")
    int workers;

    @Option(
            names = "--serve",
            description = "after the summary, keep the stack serving (the insights app, every route) until Ctrl-C")
    boolean serve;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "with --serve: the port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--json", description = "print the summary as JSON on stdout (the text summary goes to stderr)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (customers < 1 || customers > 1_000_000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--customers must be 1-1000000");
        }
        if (days < 1 || days > 60) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--days must be 1-60");
        }
        if (clients < 1 || clients > 64 || workers < 1 || workers > 8) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--clients must be 1-64, --workers 1-8");
        }
        Path dataDir = data == null ? null : ProjectPaths.userPath(data);
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be 0-65535");
        }
        DemoRun.Settings settings = new DemoRun.Settings(
                ProjectPaths.home(), dataDir, customers, seed, days, start, clients, workers, serve ? port : 0);
        boolean terminal = System.console() != null;
        PrintStream text = json ? System.err : System.out;
        DemoRun.Outcome outcome = DemoRun.run(settings, System.err, terminal, serve ? this::serveUntilStopped : null);
        if (stoppedAfterClose != null) stoppedAfterClose.countDown();
        if (!serve) {
            print(outcome, text);
            text.println("Insights app: it stopped with the demo. To browse it, run `./attimo demo --serve` and open "
                    + "http://127.0.0.1:" + port + "/app, or keep the data (`./attimo demo --data attimo-demo`) and "
                    + "then `./attimo serve --data attimo-demo`.");
            text.flush();
        }
        return outcome.healthy() ? 0 : 1;
    }

    private void print(DemoRun.Outcome outcome, PrintStream text) {
        text.print(outcome.text());
        outcome.problems().forEach(p -> text.println("PROBLEM: " + p));
        text.flush();
        if (json) {
            try {
                System.out.println(
                        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(outcome.json()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            System.out.flush();
        }
    }

    /** {@code --serve}: the summary, the app's URL, then the stack keeps serving until Ctrl-C. */
    private void serveUntilStopped(it.attimo.local.LocalStack stack, DemoRun.Outcome outcome)
            throws InterruptedException {
        PrintStream text = json ? System.err : System.out;
        print(outcome, text);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    System.err.println("attimo: stopping the demo's stack...");
                    stop.countDown();
                    try {
                        stopped.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "attimo-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        text.println("Insights app: " + stack.baseUrl() + "/app  (the stack keeps serving every route on "
                + stack.baseUrl() + ", virtual clock at " + stack.now() + "; stop: Ctrl-C)");
        text.flush();
        // the stack closes when this returns; the hook waits for that before the JVM goes
        stoppedAfterClose = stopped;
        stop.await();
    }

    private CountDownLatch stoppedAfterClose;
}
