package it.attimo.aws.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a function module's shaded {@code target/function.jar} in a child JVM, the way Lambda would: the class path is
 * the jar plus the module's test classes (for the launcher), and the child sees none of the build's {@code ATTIMO_*}
 * or {@code AWS_*} variables, only the ones given.
 */
public final class FunctionJar {
    /** The shaded jar of the module under test, relative to the module directory failsafe runs in. */
    public static final Path PATH = Path.of("target", "function.jar");

    private static final long TIMEOUT_SECONDS = 120;

    private FunctionJar() {}

    /** @return what the launcher printed, stdout and stderr together */
    public static String run(Class<?> launcher, Map<String, String> env) throws IOException, InterruptedException {
        assertThat(PATH).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java, "-cp", PATH + File.pathSeparator + Path.of("target", "test-classes"), launcher.getName())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ATTIMO_") || k.startsWith("AWS_"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("function-jar", ".log");
        pb.redirectOutput(out.toFile());
        Process process = pb.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the function jar did not finish in " + TIMEOUT_SECONDS + " s:\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
