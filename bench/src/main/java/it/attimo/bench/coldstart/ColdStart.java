package it.attimo.bench.coldstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.bench.Args;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start of every function jar: for each handler, a fresh JVM with only its shaded {@code function.jar} on the
 * classpath builds the handler (Lambda's init) and handles the function's own fixture event
 * ({@code src/test/resources/events/}) against DynamoDB Local and ElasticMQ (the embedded stack's, started once here),
 * so the first event is really handled (stored, queued, read). Each run is measured twice: plain, and with SnapStart
 * priming ({@code beforeCheckpoint}) between init and the event, where the time from the end of priming to the first
 * response stands for a restore from a primed snapshot. Reports medians of {@code --runs} runs.
 *
 * <pre>bench/coldstart [--runs 3] [--jvm-options "-XX:TieredStopAtLevel=1"]</pre>
 */
public final class ColdStart {
    private static final String SECRET = "coldstart-secret";
    private static final Pattern LINE =
            Pattern.compile("COLDSTART init=(\\d+) primed=(\\d+) firstEventMs=(\\d+) firstResponse=(\\d+) output=(.*)");

    record Case(String function, String handler, String fixture, String expect) {}

    record Run(long spawnToResponse, long init, long primed, long firstEvent, long firstResponse, String output) {}

    static final List<Case> CASES = List.of(
            // score first: its order.delivered creates the profile the journey and insights fixtures read
            new Case(
                    "score",
                    "it.attimo.function.score.ScoreHandler",
                    "sqs-order-delivered.json",
                    "\"batchItemFailures\":[]"),
            new Case("ingest", "it.attimo.function.ingest.IngestHandler", "post-events.json", "\"statusCode\":202"),
            new Case("journey", "it.attimo.function.journey.JourneyHandler", "plan-welcome.json", "\"sendAt\""),
            new Case(
                    "insights",
                    "it.attimo.function.insights.InsightsAppHandler",
                    "get-profile.json",
                    "\"statusCode\":200"),
            new Case(
                    "insights",
                    "it.attimo.function.insights.RefreshHandler",
                    "daily-refresh.json",
                    "\"status\":\"refreshed\""));

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        int runs = Integer.parseInt(opts.getOrDefault("runs", "3"));
        List<String> jvmOptions = Arrays.stream(opts.getOrDefault("jvm-options", "-XX:TieredStopAtLevel=1")
                        .trim()
                        .split("\\s+"))
                .filter(s -> !s.isBlank())
                .toList();
        Path home = Args.projectHome();
        Path benchClasses = home.resolve("bench/target/classes");
        Path work = Files.createTempDirectory("attimo-coldstart");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        StackOptions options = StackOptions.inMemory(home, Instant.now(), "unused-here");
        try (LocalStack stack = LocalStack.start(options)) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("ATTIMO_TABLE_PREFIX", LocalStack.TABLE_PREFIX);
            env.put("ATTIMO_AWS_REGION", "eu-south-1");
            env.put("ATTIMO_AWS_DYNAMODB_ENDPOINT", stack.dynamoDbEndpoint().toString());
            env.put("ATTIMO_AWS_SQS_ENDPOINT", stack.sqsEndpoint().toString());
            env.put("ATTIMO_AWS_ENDPOINT", "http://127.0.0.1:9"); // any other service: refused at once, never AWS
            env.put("ATTIMO_EVENTS_QUEUE_URL", stack.queueUrl());
            env.put("ATTIMO_SECRETS_SOURCE", "env");
            env.put("ATTIMO_SECRETS_WEBHOOK", SECRET);
            env.put("ATTIMO_SECRETS_HUBSPOT", SECRET);

            System.out.printf(
                    "cold start, %d run(s) per mode, java %s %s, backends: DynamoDB Local %s, ElasticMQ %s%n",
                    runs,
                    System.getProperty("java.version"),
                    String.join(" ", jvmOptions),
                    stack.dynamoDbEndpoint(),
                    stack.sqsEndpoint());
            System.out.println();
            System.out.println("| function | handler | jar (MB) | JVM start → handler built (ms) | JVM start → first "
                    + "response (ms) | process spawn → first response (ms) | first event, unprimed (ms) | priming "
                    + "(ms) | first event after priming (ms) | handled |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            boolean allHandled = true;
            for (Case c : CASES) {
                Path jar = home.resolve("functions").resolve(c.function()).resolve("target/function.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is missing: build with ./mvnw -DskipTests package first");
                }
                Path fixture = fixture(home, c, work);
                List<Run> plain = new ArrayList<>();
                List<Run> primed = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    plain.add(launch(java, jvmOptions, jar, benchClasses, c, fixture, false, env));
                    primed.add(launch(java, jvmOptions, jar, benchClasses, c, fixture(home, c, work), true, env));
                }
                boolean handled = plain.stream().allMatch(r -> r.output().contains(c.expect()))
                        && primed.stream().allMatch(r -> r.output().contains(c.expect()));
                allHandled &= handled;
                System.out.printf(
                        "| %s | %s | %.1f | %d | %d | %d | %d | %d | %d | %s |%n",
                        c.function(),
                        c.handler().substring(c.handler().lastIndexOf('.') + 1),
                        Files.size(jar) / 1e6,
                        median(plain, Run::init),
                        median(plain, Run::firstResponse),
                        median(plain, Run::spawnToResponse),
                        median(plain, Run::firstEvent),
                        median(primed, r -> r.primed() - r.init()),
                        median(primed, Run::firstEvent),
                        handled ? "yes" : "NO: " + plain.get(0).output());
            }
            System.out.println();
            System.out.println(allHandled ? "every first event was handled" : "some first events were NOT handled");
            System.exit(allHandled ? 0 : 1);
        }
    }

    /** The function's fixture; the ingest one re-signed now (its signature must be fresh, as a sender's is). */
    static Path fixture(Path home, Case c, Path work) throws Exception {
        Path source = home.resolve("functions")
                .resolve(c.function())
                .resolve("src/test/resources/events")
                .resolve(c.fixture());
        if (!c.function().equals("ingest")) return source;
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode event = (ObjectNode) mapper.readTree(source.toFile());
        byte[] body = event.path("body").asText().getBytes(StandardCharsets.UTF_8);
        long ts = System.currentTimeMillis();
        ObjectNode headers = (ObjectNode) event.path("headers");
        headers.put(AttimoSignatureVerifier.TIMESTAMP_HEADER.toLowerCase(), Long.toString(ts));
        headers.put(
                AttimoSignatureVerifier.SIGNATURE_HEADER.toLowerCase(), AttimoSignatureVerifier.sign(SECRET, ts, body));
        Path signed = work.resolve("post-events-" + ts + ".json");
        mapper.writeValue(signed.toFile(), event);
        return signed;
    }

    static Run launch(
            String java,
            List<String> jvmOptions,
            Path jar,
            Path benchClasses,
            Case c,
            Path fixture,
            boolean prime,
            Map<String, String> env)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                jar + File.pathSeparator + benchClasses,
                ColdStartLauncher.class.getName(),
                c.handler(),
                fixture.toString()));
        if (prime) command.add("prime");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ATTIMO_"));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    long spawnToResponse = (System.nanoTime() - t0) / 1_000_000;
                    p.waitFor(30, TimeUnit.SECONDS);
                    return new Run(
                            spawnToResponse,
                            Long.parseLong(m.group(1)),
                            Long.parseLong(m.group(2)),
                            Long.parseLong(m.group(3)),
                            Long.parseLong(m.group(4)),
                            m.group(5));
                }
                log.append(line).append('\n');
            }
        }
        p.waitFor(30, TimeUnit.SECONDS);
        throw new IllegalStateException(c.handler() + " did not answer (exit " + p.exitValue() + "):\n" + log);
    }

    static long median(List<Run> runs, java.util.function.ToLongFunction<Run> f) {
        long[] v = runs.stream().mapToLong(f).sorted().toArray();
        return v[v.length / 2];
    }
}
