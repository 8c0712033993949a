package it.attimo.local.cli;

import static it.attimo.local.cli.AttimoCliTest.attimo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.attimo.local.cli.AttimoCliTest.Run;
import it.attimo.local.cost.AslTransitionCounter;
import it.attimo.local.cost.PriceBook;
import it.attimo.local.cost.UsageAssumptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract of {@code attimo cost}: what it prints, how it scales, how it refuses bad input (exit 2). */
class CostCommandTest {
    private static final List<String> COMPONENTS = List.of(
            "Step Functions transitions",
            "Lambda requests",
            "Lambda GB-s",
            "DynamoDB WRU",
            "DynamoDB RRU",
            "SQS FIFO requests",
            "EventBridge Scheduler invocations");

    static JsonNode json(String... args) throws Exception {
        Run run = attimo(args);
        assertThat(run.exit()).as(run.err()).isZero();
        return run.json();
    }

    static JsonNode component(JsonNode estimate, String name) {
        for (JsonNode c : estimate.path("components"))
            if (c.path("name").asText().equals(name)) return c;
        throw new AssertionError("no component " + name + " in " + estimate);
    }

    @Test
    void theTableNamesEveryComponentTheMessageFeesTheDominantOneTheRegionAndThePricesDate() {
        Run run = attimo("cost", "--customers", "10000", "--journey", "post-purchase");
        assertThat(run.exit()).as(run.err()).isZero();
        String out = run.out();
        for (String c : COMPONENTS) assertThat(out).contains(c);
        assertThat(out)
                .contains("SES emails", "SNS SMS (Italy)", "message fees")
                .contains("total, message fees excluded", "per 10,000 customers")
                .containsPattern("dominant: Step Functions transitions, \\d+% of the total")
                .contains("eu-south-1", "Europe (Milan)")
                .contains("as of " + PriceBook.bundled().pricesAsOf())
                .contains(AslTransitionCounter.LONGEST_PATH)
                .contains("free tiers are ignored")
                .containsPattern("goal: at most \\$6\\.00 per 10,000 customers .*: (met|NOT met)");
    }

    @Test
    void jsonCarriesTheSameEstimateWithTotalsThatAddUp() throws Exception {
        JsonNode e = json("cost", "--customers", "10000", "--journey", "post-purchase", "--json");
        assertThat(e.path("journey").asText()).isEqualTo("post-purchase");
        assertThat(e.path("region").asText()).isEqualTo("eu-south-1");
        assertThat(e.path("customers").asLong()).isEqualTo(10_000);
        assertThat(e.path("pricesAsOf").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        List<String> names = new ArrayList<>();
        double sum = 0;
        for (JsonNode c : e.path("components")) {
            names.add(c.path("name").asText());
            assertThat(c.path("quantity").asDouble()).isPositive();
            assertThat(c.path("unit").asText()).isNotBlank();
            assertThat(c.path("usd").asDouble()).isPositive();
            sum += c.path("usd").asDouble();
        }
        assertThat(names).containsExactlyElementsOf(COMPONENTS);
        assertThat(e.path("totalUsd").asDouble()).isCloseTo(sum, within(1e-9));
        assertThat(e.path("perTenThousandUsd").asDouble()).isCloseTo(sum, within(1e-9));
        double fees = 0;
        for (JsonNode c : e.path("messageFees")) fees += c.path("usd").asDouble();
        assertThat(e.path("messageFeesUsd").asDouble())
                .isCloseTo(fees, within(1e-9))
                .isPositive();
        // five e-mail dispatches per customer (the welcome's channel is chosen at run time, so it is not an e-mail
        // here)
        assertThat(e.path("messageFees").get(0).path("quantity").asDouble()).isEqualTo(50_000);
        assertThat(e.path("dominant").asText()).isEqualTo("Step Functions transitions");
        assertThat(e.path("dominantShare").asDouble()).isBetween(0.5, 1.0);
        assertThat(e.path("meetsGoal").asBoolean())
                .isEqualTo(e.path("perTenThousandUsd").asDouble() <= 6.0);
        assertThat(e.path("path").path("counted").asText()).isEqualTo(AslTransitionCounter.LONGEST_PATH);
    }

    @Test
    void theTransitionsAreTheCountersOnTheJourneysOwnAslFile() throws Exception {
        UsageAssumptions usage = UsageAssumptions.bundled();
        for (String journey : List.of("post-purchase", "onboarding-72h")) {
            JsonNode asl = new ObjectMapper()
                    .readTree(Files.readString(
                            ProjectPaths.home().resolve("statemachines").resolve(journey + ".asl.json")));
            int transitions = new AslTransitionCounter(usage.loopPasses(), usage.mapItems())
                    .longest(asl)
                    .transitions();
            JsonNode e = json("cost", "--customers", "1000", "--journey", journey, "--json");
            assertThat(e.path("path").path("transitions").asInt()).isEqualTo(transitions);
            assertThat(component(e, "Step Functions transitions")
                            .path("quantity")
                            .asDouble())
                    .isEqualTo(1000.0 * transitions);
        }
    }

    @Test
    void costsScaleLinearlyWithTheCustomers() throws Exception {
        JsonNode ten = json("cost", "--customers", "10000", "--journey", "onboarding-72h", "--json");
        JsonNode thirty = json("cost", "--customers", "30000", "--journey", "onboarding-72h", "--json");
        assertThat(thirty.path("totalUsd").asDouble())
                .isCloseTo(3 * ten.path("totalUsd").asDouble(), within(1e-6));
        assertThat(thirty.path("messageFeesUsd").asDouble())
                .isCloseTo(3 * ten.path("messageFeesUsd").asDouble(), within(1e-6));
        for (String c : COMPONENTS) {
            assertThat(component(thirty, c).path("usd").asDouble())
                    .isCloseTo(3 * component(ten, c).path("usd").asDouble(), within(1e-9));
        }
        assertThat(thirty.path("perTenThousandUsd").asDouble())
                .isCloseTo(ten.path("perTenThousandUsd").asDouble(), within(1e-9));
    }

    @Test
    void theRegionChangesThePrices() throws Exception {
        JsonNode milan = json("cost", "--customers", "10000", "--journey", "post-purchase", "--json");
        JsonNode virginia =
                json("cost", "--customers", "10000", "--journey", "post-purchase", "--region", "us-east-1", "--json");
        assertThat(virginia.path("region").asText()).isEqualTo("us-east-1");
        assertThat(component(virginia, "Lambda requests").path("quantity").asDouble())
                .isEqualTo(component(milan, "Lambda requests").path("quantity").asDouble());
        // Lambda requests: $0.23 per million in Milan, $0.20 in N. Virginia
        assertThat(component(milan, "Lambda requests").path("usd").asDouble())
                .isCloseTo(component(virginia, "Lambda requests").path("usd").asDouble() * 0.23 / 0.20, within(1e-9));
        assertThat(virginia.path("totalUsd").asDouble())
                .isLessThan(milan.path("totalUsd").asDouble());
    }

    @Test
    void onboardingCostsMoreThanPostPurchaseAndSendsAnSms() throws Exception {
        JsonNode onboarding = json("cost", "--customers", "10000", "--journey", "onboarding-72h", "--json");
        JsonNode postPurchase = json("cost", "--customers", "10000", "--journey", "post-purchase", "--json");
        assertThat(onboarding.path("totalUsd").asDouble())
                .isGreaterThan(postPurchase.path("totalUsd").asDouble());
        assertThat(onboarding.path("path").path("waitForTaskTokenTasks").asInt())
                .isPositive();
        assertThat(onboarding.path("messageFees").get(1).path("quantity").asDouble())
                .isEqualTo(10_000);
        assertThat(postPurchase.path("messageFees").get(1).path("quantity").asDouble())
                .isZero();
    }

    @Test
    void eventsPerCustomerCanBeGivenAndChangeOnlyTheEventDrivenLines() throws Exception {
        JsonNode derived = json("cost", "--customers", "1000", "--journey", "post-purchase", "--json");
        JsonNode given = json(
                "cost", "--customers", "1000", "--journey", "post-purchase", "--events-per-customer", "12", "--json");
        assertThat(given.path("eventsPerCustomer").asDouble()).isEqualTo(12);
        double derivedEvents = derived.path("eventsPerCustomer").asDouble();
        assertThat(component(given, "SQS FIFO requests").path("quantity").asDouble())
                .isCloseTo(
                        component(derived, "SQS FIFO requests").path("quantity").asDouble() * 12 / derivedEvents,
                        within(1e-6));
        assertThat(component(given, "Step Functions transitions").path("usd").asDouble())
                .isEqualTo(component(derived, "Step Functions transitions")
                        .path("usd")
                        .asDouble());
    }

    @Test
    void anUnknownJourneyIsABadInputNamingTheKnownOnes() {
        Run run = attimo("cost", "--customers", "10", "--journey", "winback");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("winback").contains("post-purchase").contains("onboarding-72h");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownRegionIsABadInputListingThePricedOnes() {
        Run run = attimo("cost", "--customers", "10", "--journey", "post-purchase", "--region", "ap-south-2");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("ap-south-2").contains("eu-south-1, eu-west-1, us-east-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "ten", "2.5", "1e4", ""})
    void customersMustBeAPositiveWholeNumber(String customers) {
        Run run = attimo("cost", "--customers", customers, "--journey", "post-purchase");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--customers must be a positive whole number");
    }

    @Test
    void missingOptionsAndABadEventCountAreUsageErrorsToo() {
        assertThat(attimo("cost", "--journey", "post-purchase").exit()).isEqualTo(2);
        Run run = attimo("cost", "--customers", "10", "--journey", "post-purchase", "--events-per-customer", "none");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--events-per-customer");
    }
}
