package it.attimo.bench.coldstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.bench.Args;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
import java.util.function.ToLongFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cold start of every function jar: for each handler, a fresh JVM with only its shaded {@code function.jar} on the
 * classpath builds the handler (Lambda's init) and handles the function's own fixture event
 * ({@code src/test/resources/events/}) against DynamoDB Local and ElasticMQ (the embedded stack's, started once here),
 * so the first event is really handled (stored, queued, read). Each run is measured twice: plain, and with SnapStart
 * priming ({@code beforeCheckpoint}) between init and the event, where the time from the end of priming to the first
 * response stands for a restore from a primed snapshot. Reports medians of {@code --runs} runs, with the CPU time the
 * child process used (robust on a loaded machine, where wall times stretch) and the 1-minute load average.
 *
 * <p>Variants, measured alternately inside each run (each going first in turn) so they share the same minutes of
 * machine load: this tree's jars;
 * with {@code --cds}, the same jars with an AppCDS archive ({@code -XX:ArchiveClassesAtExit} in a training run that
 * handles the same fixture, then {@code -XX:SharedArchiveFile} with {@code -Xshare:on}, so a run whose archive did not
 * map fails rather than silently measuring without it); with {@code --baseline DIR}, the function jars of another
 * checkout (e.g. a {@code git worktree} of the previous commit, built with {@code package}). Before the measured runs,
 * each variant handles each case once unmeasured (the training run with {@code --cds}), so that no variant is the one
 * that first stores the fixture's event.
 *
 * <pre>bench/coldstart [--runs 3] [--jvm-options "-XX:TieredStopAtLevel=1"] [--cds] [--baseline DIR] [--only score,IngestHandler]</pre>
 */
public final class ColdStart {
    private static final String SECRET = "coldstart-secret";
    static final Pattern LINE = Pattern.compile("COLDSTART init=(\\d+) primed=(\\d+) firstEventMs=(\\d+) "
            + "firstResponse=(\\d+) cpuInit=(\\d+) cpuResponse=(\\d+) output=(.*)");

    record Case(String function, String handler, String fixture, String expect) {
        String handlerName() {
            return handler.substring(handler.lastIndexOf('.') + 1);
        }
    }

    record Variant(String name, Path home, boolean cds) {}

    record Run(
            long spawnToResponse,
            long init,
            long primed,
            long firstEvent,
            long firstResponse,
            long cpuInit,
            long cpuResponse,
            double load,
            String output) {}

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
        List<String> jvmOptions = words(opts.getOrDefault("jvm-options", "-XX:TieredStopAtLevel=1"));
        boolean cds = Boolean.parseBoolean(opts.getOrDefault("cds", "false"));
        // Lambda runs a zip's classes from /var/task, the archive unpacked: --extracted measures that way
        boolean extracted = Boolean.parseBoolean(opts.getOrDefault("extracted", "false"));
        if (cds && extracted)
            throw new IllegalArgumentException("--cds archives classes from jars only: not with --extracted");
        Path home = Args.projectHome();
        List<Variant> variants =
                variants(home, opts.containsKey("baseline") ? Path.of(opts.get("baseline")) : null, cds);
        List<Case> cases = selected(CASES, opts.get("only"));
        Path work = Files.createTempDirectory("attimo-coldstart");
        Path launcher = launcherJar(home.resolve("bench/target/classes"), work.resolve("coldstart-launcher.jar"));
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
                    "cold start, %d run(s) per mode, java %s %s, %d core(s), load average at start %s, backends: "
                            + "DynamoDB Local %s, ElasticMQ %s%n",
                    runs,
                    System.getProperty("java.version"),
                    String.join(" ", jvmOptions),
                    Runtime.getRuntime().availableProcessors(),
                    loadAverages(),
                    stack.dynamoDbEndpoint(),
                    stack.sqsEndpoint());
            Map<Variant, List<String>> tables = new LinkedHashMap<>();
            for (Variant v : variants) tables.put(v, new ArrayList<>());
            boolean allHandled = true;
            for (Case c : cases) {
                Map<Variant, List<Run>> plain = new LinkedHashMap<>();
                Map<Variant, List<Run>> primed = new LinkedHashMap<>();
                Map<Variant, List<String>> flags = new LinkedHashMap<>();
                Map<Variant, Path> classpaths = new LinkedHashMap<>();
                for (int vi = 0; vi < variants.size(); vi++) {
                    Variant v = variants.get(vi);
                    Path jar = extracted
                            ? unpacked(jar(v.home(), c), work.resolve(vi + "-" + c.function()))
                            : jar(v.home(), c);
                    classpaths.put(v, jar);
                    List<String> vmFlags = new ArrayList<>(jvmOptions);
                    List<String> training = new ArrayList<>(jvmOptions);
                    if (v.cds()) {
                        Path archive = work.resolve(vi + "-" + c.function() + "-" + c.handlerName() + ".jsa");
                        training.add("-XX:ArchiveClassesAtExit=" + archive);
                        vmFlags.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive));
                    }
                    // unmeasured: the fixture's event stored once for every variant, and the AppCDS training run
                    Run first = launch(java, training, jar, launcher, c, fixture(home, c, work), false, env);
                    if (!first.output().contains(c.expect())) {
                        throw new IllegalStateException(
                                v.name() + " " + c.handler() + " did not handle its event: " + first.output());
                    }
                    flags.put(v, vmFlags);
                    plain.put(v, new ArrayList<>());
                    primed.put(v, new ArrayList<>());
                }
                for (int i = 0; i < runs; i++) {
                    for (int k = 0; k < variants.size(); k++) {
                        Variant v = variants.get((i + k) % variants.size()); // each variant goes first in turn
                        Path jar = classpaths.get(v);
                        plain.get(v)
                                .add(launch(java, flags.get(v), jar, launcher, c, fixture(home, c, work), false, env));
                        primed.get(v)
                                .add(launch(java, flags.get(v), jar, launcher, c, fixture(home, c, work), true, env));
                    }
                }
                for (Variant v : variants) {
                    boolean handled = Stream.concat(plain.get(v).stream(), primed.get(v).stream())
                            .allMatch(r -> r.output().contains(c.expect()));
                    allHandled &= handled;
                    String row = row(c, Files.size(jar(v.home(), c)), plain.get(v), primed.get(v), handled);
                    tables.get(v).add(row);
                    System.err.println(v.name() + ": " + row); // progress, the tables follow at the end
                }
            }
            for (Map.Entry<Variant, List<String>> t : tables.entrySet()) {
                System.out.println();
                System.out.println("### " + t.getKey().name());
                System.out.println();
                System.out.println(HEADER);
                System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
                t.getValue().forEach(System.out::println);
            }
            System.out.println();
            System.out.println("load average at the end " + loadAverages());
            System.out.println(allHandled ? "every first event was handled" : "some first events were NOT handled");
            System.exit(allHandled ? 0 : 1);
        }
    }

    static final String HEADER = "| function | handler | jar (MB) | JVM start → handler built (ms) | JVM start → first "
            + "response (ms) | process spawn → first response (ms) | CPU to handler built (ms) | CPU to first "
            + "response (ms) | first event, unprimed (ms) | priming (ms) | first event after priming (ms) | load "
            + "(1 min) | handled |";

    static String row(Case c, long jarBytes, List<Run> plain, List<Run> primed, boolean handled) {
        List<Run> all = Stream.concat(plain.stream(), primed.stream()).toList();
        return String.format(
                java.util.Locale.ROOT,
                "| %s | %s | %.1f | %d | %d | %d | %d | %d | %d | %d | %d | %.1f | %s |",
                c.function(),
                c.handlerName(),
                jarBytes / 1e6,
                median(plain, Run::init),
                median(plain, Run::firstResponse),
                median(plain, Run::spawnToResponse),
                median(plain, Run::cpuInit),
                median(plain, Run::cpuResponse),
                median(plain, Run::firstEvent),
                median(primed, r -> r.primed() - r.init()),
                median(primed, Run::firstEvent),
                all.stream().mapToDouble(Run::load).sorted().toArray()[all.size() / 2],
                handled ? "yes" : "NO: " + plain.get(0).output());
    }

    static List<Variant> variants(Path home, Path baseline, boolean cds) {
        List<Variant> out = new ArrayList<>();
        out.add(new Variant("this tree (" + home + ")", home, false));
        if (cds) out.add(new Variant("this tree, AppCDS", home, true));
        if (baseline != null) {
            Path b = baseline.toAbsolutePath().normalize();
            out.add(new Variant("baseline (" + b + ")", b, false));
            if (cds) out.add(new Variant("baseline, AppCDS", b, true));
        }
        return out;
    }

    /** The cases whose function or handler (simple name) is in the comma-separated list; all when it is null. */
    static List<Case> selected(List<Case> cases, String only) {
        if (only == null || only.isBlank()) return cases;
        List<String> names = Arrays.stream(only.split(",")).map(String::trim).toList();
        List<Case> out = cases.stream()
                .filter(c -> names.contains(c.function()) || names.contains(c.handlerName()))
                .toList();
        if (out.isEmpty()) throw new IllegalArgumentException("--only " + only + " names no function or handler");
        return out;
    }

    static List<String> words(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isBlank()).toList();
    }

    /** The jar unpacked into {@code dir} (once: a function's two handlers share it), as Lambda unpacks a zip. */
    static Path unpacked(Path jar, Path dir) throws IOException {
        if (Files.isDirectory(dir)) return dir;
        Files.createDirectories(dir);
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(jar))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) throw new IOException("entry outside the directory: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    static Path jar(Path home, Case c) {
        Path jar = home.resolve("functions").resolve(c.function()).resolve("target/function.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw -DskipTests package first");
        }
        return jar;
    }

    /**
     * The launcher classes in a jar of their own: AppCDS archives only classes from jars (a non-empty directory on the
     * classpath stops the archive being written), and both modes run with the same classpath.
     */
    static Path launcherJar(Path benchClasses, Path jar) throws IOException {
        Path dir = benchClasses.resolve("it/attimo/bench/coldstart");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jos = new JarOutputStream(out);
                Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("ColdStartLauncher"))
                    .sorted()
                    .toList()) {
                jos.putNextEntry(new JarEntry("it/attimo/bench/coldstart/" + f.getFileName()));
                jos.write(Files.readAllBytes(f));
                jos.closeEntry();
            }
        }
        return jar;
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
        Path signed = work.resolve("post-events-" + ts + "-" + System.nanoTime() + ".json");
        mapper.writeValue(signed.toFile(), event);
        return signed;
    }

    static Run launch(
            String java,
            List<String> jvmOptions,
            Path jar,
            Path launcher,
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
                jar + File.pathSeparator + launcher,
                ColdStartLauncher.class.getName(),
                c.handler(),
                fixture.toString()));
        if (prime) command.add("prime");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ATTIMO_"));
        pb.environment().putAll(env);
        double load = loadAverage();
        long t0 = System.nanoTime();
        Process p = pb.start();
        StringBuilder log = new StringBuilder();
        Run run = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            // read to the end: an AppCDS training run writes its archive (and warnings) after the COLDSTART line
            for (String line; (line = out.readLine()) != null; ) {
                Matcher m = LINE.matcher(line);
                if (run == null && m.find()) {
                    run = new Run(
                            (System.nanoTime() - t0) / 1_000_000,
                            Long.parseLong(m.group(1)),
                            Long.parseLong(m.group(2)),
                            Long.parseLong(m.group(3)),
                            Long.parseLong(m.group(4)),
                            Long.parseLong(m.group(5)),
                            Long.parseLong(m.group(6)),
                            Math.max(load, loadAverage()),
                            m.group(7));
                } else if (run == null) {
                    log.append(line).append('\n');
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
        if (run == null) {
            throw new IllegalStateException(c.handler() + " did not answer (exit " + p.exitValue() + "):\n" + log);
        }
        return run;
    }

    /** The 1-minute load average (Linux), or -1. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The 1, 5 and 15-minute load averages as uptime prints them (Linux), or "unknown". */
    static String loadAverages() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static long median(List<Run> runs, ToLongFunction<Run> f) {
        long[] v = runs.stream().mapToLong(f).sorted().toArray();
        return v[v.length / 2];
    }
}
