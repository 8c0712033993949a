package it.attimo.local.cli;

import static it.attimo.local.cli.AttimoCliTest.attimo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract of {@code attimo clv fit|predict}: JSON shapes, the CDNOW fit, and bad input as exit 2. */
class ClvCommandTest {
    static final Path CDNOW = ProjectPaths.home()
            .resolve("shared/core/src/test/resources/it/attimo/core/analytics/cdnow_customers_summary.csv");

    @TempDir
    Path dir;

    @Test
    void fitPrintsExactlyTheFourParametersAndTheCustomersMatchingThePublishedCdnowFit() throws Exception {
        AttimoCliTest.Run run = attimo("clv", "fit", "--summary", CDNOW.toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode fit = run.json();
        List<String> keys = new ArrayList<>();
        fit.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("r", "alpha", "a", "b", "customers");
        assertThat(fit.get("customers").asInt()).isEqualTo(2357);
        assertThat(fit.get("r").asDouble()).isCloseTo(0.243, Percentage.withPercentage(1));
        assertThat(fit.get("alpha").asDouble()).isCloseTo(4.414, Percentage.withPercentage(1));
        assertThat(fit.get("a").asDouble()).isCloseTo(0.793, Percentage.withPercentage(1));
        assertThat(fit.get("b").asDouble()).isCloseTo(2.426, Percentage.withPercentage(1));
    }

    @Test
    void fitWithoutJsonPrintsAReadableTable() {
        AttimoCliTest.Run run = attimo("clv", "fit", "--summary", CDNOW.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("2357 customers").contains("alpha").contains("log-likelihood -958");
    }

    @Test
    void predictPrintsEveryCustomerInFileOrderWithPAliveAndExpectedPurchases() throws Exception {
        Path csv = dir.resolve("summary.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(CDNOW));
        // reorder the columns and quote the header: the reader goes by name
        List<String> reordered = new ArrayList<>();
        reordered.add("\"T\",\"ID\",\"recency\",\"frequency\"");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            reordered.add(f[3] + "," + f[0] + "," + f[2] + "," + f[1]);
        }
        Files.write(csv, reordered);
        AttimoCliTest.Run run = attimo("clv", "predict", "--summary", csv.toString(), "--t", "39", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode rows = run.json();
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(2357);
        JsonNode first = rows.get(0);
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("id", "pAlive", "expectedPurchases");
        // customer 1: x = 2, t_x = 30.43, T = 38.86; Hardie's spreadsheet gives 1.226 purchases in 39 weeks
        assertThat(first.get("id").asText()).isEqualTo("1");
        assertThat(first.get("expectedPurchases").asDouble()).isCloseTo(1.226, within(0.002));
        assertThat(first.get("pAlive").asDouble()).isBetween(0.0, 1.0);
        // customer 3 never bought again: alive by definition
        assertThat(rows.get(2).get("pAlive").asDouble()).isEqualTo(1.0);
        for (JsonNode row : rows) {
            assertThat(row.get("expectedPurchases").asDouble()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void predictAcceptsFractionalPeriodsAndMorePeriodsMeanMorePurchases() throws Exception {
        AttimoCliTest.Run half = attimo("clv", "predict", "--summary", CDNOW.toString(), "--t", "0.5", "--json");
        AttimoCliTest.Run year = attimo("clv", "predict", "--summary", CDNOW.toString(), "--t", "52", "--json");
        assertThat(half.exit()).as(half.err()).isZero();
        double h = half.json().get(0).get("expectedPurchases").asDouble();
        double y = year.json().get(0).get("expectedPurchases").asDouble();
        assertThat(h).isPositive().isLessThan(y);
        AttimoCliTest.Run table = attimo("clv", "predict", "--summary", CDNOW.toString(), "--t", "39");
        assertThat(table.out()).contains("pAlive").contains("expectedPurchases");
    }

    @Test
    void aCsvMissingAColumnIsRefusedWithExitTwoNamingIt() throws Exception {
        Path csv = dir.resolve("no-t.csv");
        Files.writeString(csv, "ID,frequency,recency\n1,2,30\n");
        AttimoCliTest.Run run = attimo("clv", "fit", "--summary", csv.toString(), "--json");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("attimo clv fit: ").contains("no column T");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badArgumentsAreExitTwo() throws Exception {
        assertThat(attimo("clv", "fit", "--summary", dir.resolve("absent.csv").toString())
                        .exit())
                .isEqualTo(2);
        assertThat(attimo("clv", "predict", "--summary", CDNOW.toString(), "--t", "-1")
                        .exit())
                .isEqualTo(2);
        assertThat(attimo("clv", "predict", "--summary", CDNOW.toString(), "--t", "soon")
                        .exit())
                .isEqualTo(2);
        assertThat(attimo("clv", "predict", "--summary", CDNOW.toString()).exit())
                .isEqualTo(2);
        assertThat(attimo("clv", "fit").exit()).isEqualTo(2);
        assertThat(attimo("clv").exit()).isEqualTo(2);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "ID,frequency,recency,T\n1,2,50,40\n");
        AttimoCliTest.Run run = attimo("clv", "predict", "--summary", bad.toString(), "--t", "10", "--json");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("line 2").contains("exceeds T");
    }
}
