package it.attimo.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BG/NBD against the published CDNOW fit (Fader, Hardie and Lee 2005; lifetimes' tests) and against the values of
 * Hardie's spreadsheet that lifetimes checks.
 */
class BgNbdTest {
    static final BgNbdParameters PUBLISHED = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
    static List<CustomerSummary> cdnow;
    static BgNbdFitter.Fit fit;

    static List<CustomerSummary> cdnow() throws Exception {
        try (Reader r = new InputStreamReader(
                BgNbdTest.class.getResourceAsStream("cdnow_customers_summary.csv"), StandardCharsets.UTF_8)) {
            return CustomerSummaryCsv.read(r);
        }
    }

    @BeforeAll
    static void fitCdnow() throws Exception {
        cdnow = cdnow();
        fit = new BgNbdFitter().fit(cdnow);
    }

    @Test
    void theCdnowFitMatchesThePublishedParametersWithinOnePercent() {
        assertThat(fit.customers()).isEqualTo(2357);
        BgNbdParameters p = fit.parameters();
        assertThat(p.r()).isCloseTo(PUBLISHED.r(), Percentage.withPercentage(1));
        assertThat(p.alpha()).isCloseTo(PUBLISHED.alpha(), Percentage.withPercentage(1));
        assertThat(p.a()).isCloseTo(PUBLISHED.a(), Percentage.withPercentage(1));
        assertThat(p.b()).isCloseTo(PUBLISHED.b(), Percentage.withPercentage(1));
    }

    @Test
    void theLogLikelihoodIsThePapersAndNoNearbyPointBeatsIt() {
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.1));
        BgNbdModel published = new BgNbdModel(PUBLISHED);
        assertThat(published.logLikelihood(cdnow)).isCloseTo(-9582.4, within(0.5));
        BgNbdParameters p = fit.parameters();
        for (double nudge : new double[] {0.98, 1.02}) {
            assertThat(new BgNbdModel(new BgNbdParameters(p.r() * nudge, p.alpha(), p.a(), p.b())).logLikelihood(cdnow))
                    .isLessThan(fit.logLikelihood());
            assertThat(new BgNbdModel(new BgNbdParameters(p.r(), p.alpha(), p.a(), p.b() * nudge)).logLikelihood(cdnow))
                    .isLessThan(fit.logLikelihood());
        }
    }

    @Test
    void conditionalExpectationMatchesHardiesSpreadsheet() {
        // lifetimes test_conditional_expectation_returns_same_value_as_Hardie_excel_sheet
        double e = fit.model().expectedPurchases(new CustomerSummary("c", 2, 30.43, 38.86), 39);
        assertThat(e).isCloseTo(1.226, within(0.001));
    }

    @Test
    void populationExpectationMatchesHardiesSpreadsheet() {
        double[] times = {0.1429, 1.0, 3.00, 31.8571, 32.00, 78.00};
        double[] expected = {0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576};
        for (int i = 0; i < times.length; i++) {
            assertThat(fit.model().expectedPurchases(times[i]))
                    .as("t=" + times[i])
                    .isCloseTo(expected[i], within(5e-4));
        }
    }

    @Test
    void probabilityAliveFollowsTheClosedForm() {
        BgNbdModel m = new BgNbdModel(PUBLISHED);
        assertThat(m.probabilityAlive(new CustomerSummary("new", 0, 0, 10))).isEqualTo(1.0);
        // x = 2, t_x = 30.43, T = 38.86: 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))
        double expected = 1 / (1 + 0.793 / (2.426 + 1) * Math.pow((4.414 + 38.86) / (4.414 + 30.43), 0.243 + 2));
        assertThat(m.probabilityAlive(new CustomerSummary("c", 2, 30.43, 38.86)))
                .isCloseTo(expected, within(1e-12));
        // a recent buyer is more likely alive than one who stopped long ago, with the same frequency
        assertThat(m.probabilityAlive(new CustomerSummary("recent", 5, 38, 39)))
                .isGreaterThan(m.probabilityAlive(new CustomerSummary("gone", 5, 5, 39)));
        for (int x = 0; x < 60; x += 7) {
            for (int tx = 0; tx < 60; tx += 9) {
                double p = m.probabilityAlive(new CustomerSummary("g", x, x == 0 ? 0 : tx, 60));
                assertThat(p).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void expectationsAreStableForHeavyBuyersAndLongHorizons() {
        BgNbdModel m = new BgNbdModel(PUBLISHED);
        double heavy = m.expectedPurchases(new CustomerSummary("heavy", 400, 38.5, 38.86), 520);
        assertThat(heavy).isFinite().isGreaterThan(100);
        assertThat(m.expectedPurchases(new CustomerSummary("c", 3, 20, 38.86), 0))
                .isZero();
        assertThat(m.expectedPurchases(0)).isZero();
        double nearer = m.expectedPurchases(new CustomerSummary("c", 3, 20, 38.86), 10);
        double later = m.expectedPurchases(new CustomerSummary("c", 3, 20, 38.86), 10.5);
        assertThat(later).isGreaterThan(nearer);
        assertThatThrownBy(() -> m.expectedPurchases(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.expectedPurchases(new CustomerSummary("c", 1, 1, 2), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        // a = 1 exactly is a removable singularity of the closed form
        BgNbdModel one = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 1.0, 2.426));
        BgNbdModel near = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 1.0001, 2.426));
        assertThat(one.expectedPurchases(10)).isCloseTo(near.expectedPurchases(10), within(1e-3));
    }

    @Test
    void refusesWhatCannotBeFitted() {
        assertThatThrownBy(() -> new BgNbdFitter().fit(List.of())).hasMessageContaining("no customers");
        assertThatThrownBy(() -> new BgNbdFitter().fit(List.of(new CustomerSummary("a", 0, 0, 0))))
                .hasMessageContaining("T = 0");
        assertThatThrownBy(() -> new BgNbdParameters(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomerSummary("a", 1, 5, 4)).hasMessageContaining("exceeds T");
        assertThatThrownBy(() -> new CustomerSummary("a", 0, 1, 4)).hasMessageContaining("frequency is 0");
        assertThatThrownBy(() -> new CustomerSummary("a", -1, 0, 4)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Hypergeometric.hyp2f1(1, 1, 1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric.hyp2f1(1, 1, -2, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hypergeometricSeriesMatchesKnownClosedForms() {
        // 2F1(1,1;2;z) = -ln(1-z)/z
        assertThat(Hypergeometric.hyp2f1(1, 1, 2, 0.5)).isCloseTo(-Math.log(0.5) / 0.5, within(1e-13));
        // 2F1(a,b;b;z) = (1-z)^-a
        assertThat(Hypergeometric.hyp2f1(0.7, 3, 3, 0.9)).isCloseTo(Math.pow(0.1, -0.7), within(1e-9));
    }

    @Test
    void csvToleratesColumnOrderQuotesAndAnUnnamedIndex() throws Exception {
        String csv = "\uFEFF,\"T\",\"recency\",\"frequency\",\"ID\"\r\n0,38.86,30.43,2,\"a\"\r\n\r\n1,38.86,0,0,b\r\n";
        List<CustomerSummary> rows = CustomerSummaryCsv.read(new StringReader(csv));
        assertThat(rows)
                .containsExactly(new CustomerSummary("a", 2, 30.43, 38.86), new CustomerSummary("b", 0, 0, 38.86));
        List<CustomerSummary> indexOnly =
                CustomerSummaryCsv.read(new StringReader(",frequency,recency,T\n7,1.0,2,3\n"));
        assertThat(indexOnly).containsExactly(new CustomerSummary("7", 1, 2, 3));
    }

    @Test
    void csvRefusesMissingColumnsAndBadRowsNamingThem() {
        assertThatThrownBy(() -> CustomerSummaryCsv.read(new StringReader("ID,frequency,recency\n1,0,0\n")))
                .hasMessageContaining("no column T");
        assertThatThrownBy(() -> CustomerSummaryCsv.read(new StringReader(""))).hasMessageContaining("empty");
        assertThatThrownBy(() -> CustomerSummaryCsv.read(new StringReader("ID,frequency,recency,T\n")))
                .hasMessageContaining("no customers");
        assertThatThrownBy(() -> CustomerSummaryCsv.read(new StringReader("ID,frequency,recency,T\n1,x,0,1\n")))
                .hasMessageContaining("line 2")
                .hasMessageContaining("frequency");
        assertThatThrownBy(() -> CustomerSummaryCsv.read(new StringReader("ID,frequency,recency,T\n1,1.5,0,1\n")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> CustomerSummaryCsv.read(new StringReader("ID,frequency,recency,T\n1,1,2,1\n")))
                .hasMessageContaining("line 2")
                .hasMessageContaining("exceeds T");
        assertThatThrownBy(
                        () -> CustomerSummaryCsv.read(new StringReader("ID,frequency,recency,T\n1,1,0,1\n1,1,0,1\n")))
                .hasMessageContaining("duplicate ID 1");
        assertThatThrownBy(() -> CustomerSummaryCsv.read(new StringReader("ID,frequency,recency,T\n1,1,0\n")))
                .hasMessageContaining("3 fields");
        assertThatThrownBy(() -> CustomerSummaryCsv.read(new StringReader("ID,frequency,recency,T,id\n1,1,0,1,1\n")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> CustomerSummaryCsv.read(new StringReader("ID,frequency,recency,T\n\"1,1,0,1\n")))
                .hasMessageContaining("quote");
        assertThatThrownBy(() -> CustomerSummaryCsv.read(new StringReader("ID,frequency,recency,T\n ,1,0,1\n")))
                .hasMessageContaining("ID is empty");
        assertThatThrownBy(() -> CustomerSummaryCsv.read(new StringReader("ID,frequency,recency,T\n1,1,0,NaN\n")))
                .hasMessageContaining("not a number");
    }
}
