package it.attimo.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI contracts of `attimo holidays`, `plan`, `recommend` and `sfn`: output shapes and exit codes. */
class AttimoCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    /** Runs the CLI as `./attimo` would, capturing what it prints (commands may print through System.out). */
    static Run attimo(String... args) {
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try {
            CommandLine cli = AttimoCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            exit = cli.execute(args);
        } finally {
            System.setOut(stdout);
        }
        return new Run(exit, out + captured.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void holidaysOfMonzaIncludeItsOwnPatronDayNotMilansAndTheNationalOnes() throws Exception {
        Run run = attimo("holidays", "--comune", "108033", "--year", "2026", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> local = new ArrayList<>();
        List<String> national = new ArrayList<>();
        for (JsonNode day : run.json()) {
            assertThat(day.path("date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(day.path("name").asText()).isNotBlank();
            if ("local".equals(day.path("scope").asText()))
                local.add(day.path("date").asText());
            if ("national".equals(day.path("scope").asText()))
                national.add(day.path("date").asText());
        }
        assertThat(local).containsExactly("2026-06-24");
        assertThat(national)
                .contains("2026-01-01", "2026-04-06", "2026-06-02", "2026-10-04", "2026-12-26")
                .doesNotContain("2026-12-07");
    }

    @Test
    void holidaysByUniqueNameMatchTheCode() {
        Run byName = attimo("holidays", "--comune", "Milano", "--year", "2027", "--json");
        Run byCode = attimo("holidays", "--comune", "015146", "--year", "2027", "--json");
        assertThat(byName.exit()).isZero();
        assertThat(byName.out()).isEqualTo(byCode.out()).contains("2027-12-07").contains("2027-03-29");
    }

    @Test
    void anUnknownComuneIsABadInputWithAPreciseMessage() {
        Run run = attimo("holidays", "--comune", "999999", "--year", "2026");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("999999");
    }

    @Test
    void planAvoidsTheHolidayAndAnswersTheDocumentedFields() throws Exception {
        Run run = attimo(
                "plan",
                "--comune",
                "015146",
                "--channel",
                "email",
                "--segment",
                "b2b",
                "--earliest",
                "2026-06-01T15:00:00Z",
                "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode plan = run.json();
        Instant sendAt = Instant.parse(plan.path("sendAt").asText());
        LocalDateTime local = LocalDateTime.ofInstant(sendAt, ZoneId.of("Europe/Rome"));
        assertThat(local.toLocalDate()).isEqualTo("2026-06-03");
        assertThat(local.toLocalTime()).isBetween(LocalTime.of(9, 30), LocalTime.of(14, 0));
        assertThat(plan.path("localTime").asText()).startsWith("2026-06-03T");
        assertThat(plan.path("suitability").asInt()).isBetween(0, 100);
        assertThat(plan.path("reasons").toString()).contains("Festa della Repubblica");
    }

    @Test
    void aPlanThatCannotFitIsSkippedWithItsReasonAndNoSendAt() throws Exception {
        Run run = attimo(
                "plan",
                "--comune",
                "015146",
                "--channel",
                "email",
                "--segment",
                "b2b",
                "--kind",
                "marketing",
                "--earliest",
                "2026-06-01T15:00:00Z",
                "--deadline",
                "2026-06-02T20:00:00Z",
                "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().has("sendAt") && !run.json().get("sendAt").isNull())
                .isFalse();
        assertThat(run.json().path("skipped").asText()).isNotBlank();
    }

    @Test
    void recommendWritesOneLinePerCustomer(@TempDir Path dir) throws Exception {
        Path customers = Files.writeString(
                dir.resolve("customers.ndjson"),
                "{\"id\":\"c-1\",\"comune\":\"015146\",\"segment\":\"b2b\"}\n{\"id\":\"c-2\",\"comune\":\"063049\",\"segment\":\"b2c\"}\n");
        Path events = Files.writeString(
                dir.resolve("events.ndjson"),
                "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"t\",\"type\":\"email.opened\",\"subject\":\"c-1\",\"time\":\"2026-06-02T08:10:00Z\",\"data\":{}}\n");
        Run run = attimo(
                "recommend",
                "--customers",
                customers.toString(),
                "--history",
                events.toString(),
                "--from",
                "2026-06-15T00:00:00Z",
                "--to",
                "2026-06-22T00:00:00Z",
                "--channel",
                "email",
                "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().split("\n")) if (line.startsWith("{")) lines.add(JSON.readTree(line));
        assertThat(lines).extracting(l -> l.path("customerId").asText()).containsExactly("c-1", "c-2");
        for (JsonNode l : lines) {
            assertThat(Instant.parse(l.path("sendAt").asText()))
                    .isBetween(Instant.parse("2026-06-15T00:00:00Z"), Instant.parse("2026-06-22T00:00:00Z"));
            assertThat(l.path("suitability").asInt()).isBetween(0, 100);
            assertThat(l.path("belowThreshold").isBoolean()).isTrue();
            if (l.path("belowThreshold").asBoolean())
                assertThat(l.path("reasons").get(0).asText()).startsWith("below-threshold:");
        }
        assertThat(run.err()).contains("recommended 2 of 2 customers").contains("0 skipped");
    }

    @Test
    void recommendTakesAFixedHalfLifeOrSaysWhyItUsedTheDefault(@TempDir Path dir) throws Exception {
        Path customers = Files.writeString(dir.resolve("customers.ndjson"), "{\"id\":\"c-1\",\"comune\":\"015146\"}\n");
        Path events = Files.writeString(
                dir.resolve("events.ndjson"),
                "{\"type\":\"email.opened\",\"subject\":\"c-1\",\"time\":\"2026-06-02T08:10:00Z\"}\n");
        String[] base = {
            "recommend",
            "--customers",
            customers.toString(),
            "--history",
            events.toString(),
            "--from",
            "2026-06-15T00:00:00Z",
            "--to",
            "2026-06-22T00:00:00Z",
            "--channel",
            "email"
        };

        Run fixed = attimo(concat(base, "--half-life", "84"));
        Run iso = attimo(concat(base, "--half-life", "P21D"));
        Run chosen = attimo(base);
        Run bad = attimo(concat(base, "--half-life", "soon"));

        assertThat(fixed.exit()).as(fixed.err()).isZero();
        assertThat(fixed.err()).contains("half-life 84 days: fixed");
        assertThat(iso.err()).contains("half-life 21 days: fixed");
        assertThat(chosen.err()).contains("half-life 42 days: default 42 days: less than 14 days of history");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("--half-life soon is neither whole days nor an ISO-8601 duration");
    }

    private static String[] concat(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    @Test
    void sfnValidateReportsEveryProblemAndFails(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(
                dir.resolve("bad.asl.json"),
                "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"Nope\"},\"Lost\":{\"Type\":\"Succeed\"}}}");
        Run run = attimo("sfn", "validate", bad.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains("Nope").contains("Lost");
        assertThat(attimo(
                                "sfn",
                                "validate",
                                ProjectPaths.home()
                                        .resolve("statemachines/post-purchase.asl.json")
                                        .toString())
                        .exit())
                .isZero();
    }

    @Test
    void sfnRunTakesTaskResultsFromAMockConfigAndPrintsHistory(@TempDir Path dir) throws Exception {
        Path asl = Files.writeString(
                dir.resolve("task.asl.json"),
                "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","
                        + "\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":\"f\",\"Payload.$\":\"$\"},"
                        + "\"Retry\":[{\"ErrorEquals\":[\"Boom\"],\"IntervalSeconds\":1}],\"Next\":\"W\"},"
                        + "\"W\":{\"Type\":\"Wait\",\"Seconds\":86400,\"End\":true}}}");
        Path mock = Files.writeString(
                dir.resolve("mock.json"),
                "{\"StateMachines\":{\"task\":{\"TestCases\":{\"flaky\":{\"T\":\"r\"}}}},"
                        + "\"MockedResponses\":{\"r\":{\"0\":{\"Throw\":{\"Error\":\"Boom\",\"Cause\":\"first\"}},"
                        + "\"1-2\":{\"Return\":{\"Payload\":{\"x\":1}}}}}}");
        Path input = Files.writeString(dir.resolve("in.json"), "{\"a\":1}");
        Run run = attimo(
                "sfn",
                "run",
                asl.toString(),
                "--input",
                input.toString(),
                "--mock-config",
                mock.toString(),
                "--test-case",
                "flaky");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = run.json();
        assertThat(result.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.path("output").path("Payload").path("x").asInt()).isEqualTo(1);
        List<String> entered = new ArrayList<>();
        for (JsonNode h : result.path("history"))
            if ("StateEntered".equals(h.path("type").asText()))
                entered.add(h.path("state").asText());
        assertThat(entered).containsExactly("T", "W");
    }

    @Test
    void sfnRunOfAFailingMachineExitsNonZeroWithErrorAndCause(@TempDir Path dir) throws Exception {
        Path asl = Files.writeString(
                dir.resolve("fail.asl.json"),
                "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"Nope\",\"Cause\":\"because\"}}}");
        Path input = Files.writeString(dir.resolve("in.json"), "{}");
        Run run = attimo("sfn", "run", asl.toString(), "--input", input.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.json().path("status").asText()).isEqualTo("FAILED");
        assertThat(run.json().path("error").asText()).isEqualTo("Nope");
        assertThat(run.json().path("cause").asText()).isEqualTo("because");
    }
}
