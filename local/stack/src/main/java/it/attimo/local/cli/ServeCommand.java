package it.attimo.local.cli;

import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attimo serve}: the whole stack on 127.0.0.1 until Ctrl-C. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run Attimo on 127.0.0.1 until stopped (Ctrl-C). A restart with the same --data continues "
                + "where it stopped.")
public final class ServeCommand implements Callable<Integer> {
    static final String DEV_WEBHOOK_SECRET = "attimo-local-webhook-secret";
    static final String DEV_HUBSPOT_SECRET = "attimo-local-hubspot-secret";

    enum ClockMode {
        realtime,
        manual
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "HTTP port on 127.0.0.1 (0: any free port; " + "default ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "attimo-data",
            description = "data directory, relative to where you run attimo (default ./${DEFAULT-VALUE})")
    String data;

    @Option(names = "--in-memory", description = "keep nothing on disk (ignores --data)")
    boolean inMemory;

    @Option(
            names = "--clock",
            defaultValue = "realtime",
            description = "realtime: virtual time also follows the wall clock; manual: it moves only through "
                    + "POST /admin/clock (default ${DEFAULT-VALUE})")
    ClockMode clock;

    @Option(
            names = "--start",
            paramLabel = "<ISO instant>",
            description = "virtual start time for a new data directory (default: now)")
    Instant start;

    @Option(names = "--webhook-secret", description = "secret of X-Attimo-Signature (default: $ATTIMO_WEBHOOK_SECRET)")
    String webhookSecret;

    @Option(
            names = "--hubspot-secret",
            description = "HubSpot app client secret (default: $ATTIMO_HUBSPOT_CLIENT_SECRET)")
    String hubspotSecret;

    @Option(
            names = "--workers",
            defaultValue = "3",
            description = "queue pollers, 0-8 (default ${DEFAULT-VALUE}); 0 accepts and queues events without scoring"
                    + " them, until a stack with workers runs on the same --data")
    int workers;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be 0-65535");
        }
        if (workers < 0 || workers > 8) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--workers must be 0-8");
        }
        PrintWriter err = spec.commandLine().getErr();
        String webhook = secret(webhookSecret, "ATTIMO_WEBHOOK_SECRET", DEV_WEBHOOK_SECRET, err);
        String hubspot = secret(hubspotSecret, "ATTIMO_HUBSPOT_CLIENT_SECRET", DEV_HUBSPOT_SECRET, err);
        Path dataDir = inMemory ? null : ProjectPaths.userPath(data);
        StackOptions options = new StackOptions(
                ProjectPaths.home(), dataDir, port, start, clock == ClockMode.realtime, webhook, hubspot, workers);
        LocalStack stack = LocalStack.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.err.println("attimo: stopping (draining the queue, saving the clock)...");
                            try {
                                stack.close();
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "attimo-shutdown"));
        if (start != null && stack.clockRestored() && !start.equals(stack.now())) {
            err.println("attimo: --start " + start + " ignored: the data directory continues at " + stack.now());
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Attimo is serving on " + stack.baseUrl() + " (127.0.0.1 only)");
        out.println("  virtual clock: " + stack.clockMode() + ", now " + stack.now()
                + (stack.clockRestored() ? " (restored from the data directory)" : ""));
        out.println("  data: "
                + (dataDir == null
                        ? "in memory (nothing is kept)"
                        : dataDir + " (DynamoDB Local and the queue's files; a restart, even after kill -9,"
                                + " continues from here)"));
        out.println("  journeys: " + stack.stateMachines().keySet()
                + (stack.resumedExecutions() > 0
                        ? ", " + stack.resumedExecutions() + " running execution(s) resumed"
                        : ""));
        out.println("  try: curl " + stack.baseUrl() + "/health    stop: Ctrl-C");
        out.flush();
        stopped.await();
        return 0;
    }

    private static String secret(String option, String env, String devDefault, PrintWriter err) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String fromEnv = System.getenv(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        err.println("attimo: " + env + " is not set: using the development secret '" + devDefault + "'");
        err.flush();
        return devDefault;
    }
}
