package it.attimo.local.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The dated AWS list prices of {@value #BUNDLED}: per price, its unit, its AWS pricing page and, per region, the price
 * and whether it is only an estimate. A region is priced when every price has it.
 */
public final class PriceBook {
    public static final String BUNDLED = "/it/attimo/local/cost/aws-list-prices.json";
    /** Where to edit it. */
    public static final String SOURCE_FILE = "local/stack/src/main/resources" + BUNDLED;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the estimate multiplies usage by, as the price file names them. */
    public enum Item {
        STEP_FUNCTIONS_TRANSITIONS("stepFunctionsStateTransitions"),
        LAMBDA_REQUESTS("lambdaRequests"),
        LAMBDA_GB_SECOND_X86("lambdaGbSecondX86"),
        LAMBDA_GB_SECOND_ARM64("lambdaGbSecondArm64"),
        DYNAMODB_WRITE_UNITS("dynamoDbWriteRequestUnits"),
        DYNAMODB_READ_UNITS("dynamoDbReadRequestUnits"),
        SQS_FIFO_REQUESTS("sqsFifoRequests"),
        SCHEDULER_INVOCATIONS("schedulerInvocations"),
        SES_EMAILS("sesEmails"),
        SNS_SMS_ITALY("snsSmsItaly");

        final String key;

        Item(String key) {
            this.key = key;
        }
    }

    /**
     * One price in one region: {@code usd} dollars for {@code per} units.
     *
     * @param estimated the price could not be confirmed for this region
     */
    public record Price(Item item, String region, double usd, double per, boolean estimated, String source) {
        public double usdPerUnit() {
            return usd / per;
        }

        /** What {@code quantity} units cost (multiplied before dividing, which keeps round prices exact). */
        public double cost(double quantity) {
            return quantity * usd / per;
        }
    }

    private final String pricesAsOf;
    private final JsonNode root;
    private final SortedSet<String> regions;

    private PriceBook(String pricesAsOf, JsonNode root, SortedSet<String> regions) {
        this.pricesAsOf = pricesAsOf;
        this.root = root;
        this.regions = regions;
    }

    public static PriceBook bundled() {
        try (InputStream in = PriceBook.class.getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IllegalStateException("the price file is missing from the classpath: " + BUNDLED);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED, e);
        }
    }

    /** @throws IllegalArgumentException if a price, its source or the date is missing or malformed */
    public static PriceBook parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the price file is not JSON: " + e.getMessage());
        }
        String asOf = root.path("pricesAsOf").asText("");
        try {
            LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the price file needs pricesAsOf as yyyy-mm-dd, got '" + asOf + "'");
        }
        SortedSet<String> regions = null;
        for (Item item : Item.values()) {
            JsonNode price = root.path("prices").path(item.key);
            if (!price.path("source").asText("").startsWith("https://")) {
                throw new IllegalArgumentException("price " + item.key + " needs a source (the AWS pricing page)");
            }
            if (price.path("per").asDouble(0) <= 0) {
                throw new IllegalArgumentException("price " + item.key + " needs a positive 'per'");
            }
            SortedSet<String> priced = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            price.path("regions").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> region = it.next();
                if (!region.getValue().path("usd").isNumber()
                        || region.getValue().path("usd").asDouble() < 0) {
                    throw new IllegalArgumentException(
                            "price " + item.key + " in " + region.getKey() + " needs a number 'usd'");
                }
                priced.add(region.getKey());
            }
            if (regions == null) regions = priced;
            else regions.retainAll(priced);
        }
        return new PriceBook(asOf, root, regions);
    }

    /** The date the prices were read. */
    public String pricesAsOf() {
        return pricesAsOf;
    }

    /** The regions every price is given for, sorted. */
    public SortedSet<String> regions() {
        return regions;
    }

    /** The AWS name of a region, e.g. Europe (Milan), or the code itself. */
    public String regionName(String region) {
        return root.path("regionNames").path(region).asText(region);
    }

    /** @throws IllegalArgumentException for a region the file does not price, listing those it does */
    public String requireRegion(String region) {
        if (!regions.contains(region)) {
            throw new IllegalArgumentException("unknown region '" + region + "': the price file (" + SOURCE_FILE
                    + ") has " + String.join(", ", regions));
        }
        return region;
    }

    public Price price(Item item, String region) {
        requireRegion(region);
        JsonNode price = root.path("prices").path(item.key);
        JsonNode inRegion = price.path("regions").path(region);
        return new Price(
                item,
                region,
                inRegion.path("usd").asDouble(),
                price.path("per").asDouble(),
                inRegion.path("estimated").asBoolean(false),
                price.path("source").asText());
    }
}
