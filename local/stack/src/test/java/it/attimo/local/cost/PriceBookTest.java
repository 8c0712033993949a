package it.attimo.local.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.local.cost.PriceBook.Item;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PriceBookTest {
    @Test
    void theBundledFileIsDatedAndPricesEveryItemInTheFourRegions() {
        PriceBook prices = PriceBook.bundled();
        assertThat(LocalDate.parse(prices.pricesAsOf())).isAfter(LocalDate.of(2025, 1, 1));
        assertThat(prices.regions()).contains("eu-south-1", "eu-west-1", "eu-central-1", "us-east-1");
        for (Item item : Item.values()) {
            for (String region : prices.regions()) {
                PriceBook.Price p = prices.price(item, region);
                assertThat(p.usdPerUnit()).as(item + " " + region).isPositive();
                assertThat(p.source()).startsWith("https://aws.amazon.com/");
            }
        }
        assertThat(prices.regionName("eu-south-1")).isEqualTo("Europe (Milan)");
        // read off the Step Functions pricing table: not an estimate
        assertThat(prices.price(Item.STEP_FUNCTIONS_TRANSITIONS, "eu-west-1").estimated())
                .isFalse();
        assertThat(prices.price(Item.STEP_FUNCTIONS_TRANSITIONS, "eu-west-1").cost(1000))
                .isEqualTo(0.025);
        // and Milan's row was not there
        assertThat(prices.price(Item.STEP_FUNCTIONS_TRANSITIONS, "eu-south-1").estimated())
                .isTrue();
    }

    @Test
    void aRegionIsPricedOnlyWhenEveryItemHasItAndAnUnknownOneIsNamed() {
        String oneShort = CostFixtures.PRICES.replace(", \"yy-test-2\": {\"usd\": 0.10}", "");
        PriceBook prices = PriceBook.parse(oneShort);
        assertThat(prices.regions()).containsExactly("xx-test-1");
        assertThatThrownBy(() -> prices.price(Item.SES_EMAILS, "yy-test-2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown region 'yy-test-2'")
                .hasMessageContaining("has xx-test-1");
    }

    @Test
    void aPriceWithoutItsSourceOrAFileWithoutItsDateIsRefused() {
        assertThatThrownBy(() -> PriceBook.parse(CostFixtures.PRICES.replaceFirst("https://a", "somewhere")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stepFunctionsStateTransitions needs a source");
        assertThatThrownBy(() -> PriceBook.parse(CostFixtures.PRICES.replace("2026-01-15", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pricesAsOf");
    }
}
