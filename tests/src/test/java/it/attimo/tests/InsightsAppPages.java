package it.attimo.tests;

import static org.assertj.core.api.Assertions.assertThat;

import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import it.attimo.local.demo.DemoRun;
import it.attimo.tests.support.HeadlessChromium;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;

/**
 * The insights app's browser suites after a demo-sized population run through the embedded stack (the demo
 * itself, 80 customers over 3 virtual days, so the analytics refresh has run), the stack started again on its data,
 * and a headless Chromium; the checks every page gets are {@link AppPages}'.
 */
abstract class InsightsAppPages extends AppPages {
    @BeforeAll
    static void runTheDemoAndOpenABrowser() throws Exception {
        browser = HeadlessChromium.start(1280, 1400, "it-IT");
        root = TemplateConsistency.findProjectRoot(Path.of(""));
        data = Files.createTempDirectory("insights-app-demo");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRun.Outcome outcome = DemoRun.run(
                new DemoRun.Settings(root, data, 80, 11, 3, Instant.parse("2026-06-08T06:00:00Z"), 4, 2),
                new PrintStream(log, true, StandardCharsets.UTF_8),
                false);
        assertThat(outcome.healthy()).as(outcome.problems().toString()).isTrue();
        stack = LocalStack.start(
                StackOptions.inMemory(root, Instant.now(), "insights-app").withDataDir(data));
    }
}
