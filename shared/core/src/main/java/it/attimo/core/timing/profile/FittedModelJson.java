package it.attimo.core.timing.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FittedModel} as compact JSON (no whitespace; about 40 kB with 12 clusters), for storage. Doubles are
 * written exactly, so a restored model predicts exactly as the fitted one. Holds no customer data: only population
 * and cluster distributions. A silhouette of NaN (one cluster) is written as null. The profiles' half-life is an
 * ISO-8601 duration ({@code "halfLife":"PT4032H"}); text stored without it reads as the default 42 days.
 */
public final class FittedModelJson {
    static final int FORMAT = 1;

    private FittedModelJson() {}

    public static String write(FittedModel fitted) {
        TemporalModel.State s = fitted.model().state();
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("fittedAt", fitted.fittedAt().toString());
        root.put("customers", fitted.customers());
        root.put("events", fitted.events());
        root.put("halfLife", fitted.halfLife().toString());
        root.put("alpha", s.alpha());
        if (Double.isNaN(s.silhouette())) root.putNull("silhouette");
        else root.put("silhouette", s.silhouette());
        root.put("delayPriorStrength", s.delayPriorStrength());
        root.put("populationOpenRate", s.populationOpenRate());
        root.put("outcomeStrength", s.outcomeStrength());
        root.put("changeOdds", s.changeOdds());
        ObjectNode tuning = root.putObject("tuning");
        tuning.put("responseCorrection", s.tuning().responseCorrection());
        tuning.put("changeOdds", s.tuning().changeOdds());
        tuning.put("sendOutcomes", s.tuning().sendOutcomes());
        tuning.put("priorScale", s.tuning().priorScale());
        array(root.putArray("responseCorrection"), s.responseCorrection());
        array(root.putArray("population"), s.population());
        array(root.putArray("populationDelays"), s.populationDelays());
        ArrayNode clusters = root.putArray("clusters");
        for (int k = 0; k < s.clusters().size(); k++) {
            TemporalModel.Cluster c = s.clusters().get(k);
            ObjectNode n = clusters.addObject();
            n.put("name", c.name());
            n.put("members", c.members());
            n.put("weight", s.clusterWeights()[k]);
            array(n.putArray("reads"), c.reads());
        }
        return root.toString();
    }

    /** @throws IllegalArgumentException when the text is not a stored model of a known format */
    public static FittedModel read(String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored temporal model is not JSON", e);
        }
        if (root.path("format").asInt(-1) != FORMAT) {
            throw new IllegalArgumentException("stored temporal model has unknown format " + root.path("format"));
        }
        List<TemporalModel.Cluster> clusters = new ArrayList<>();
        JsonNode cs = root.path("clusters");
        double[] weights = new double[cs.size()];
        for (int k = 0; k < cs.size(); k++) {
            JsonNode c = cs.get(k);
            clusters.add(new TemporalModel.Cluster(
                    c.path("name").asText(),
                    doubles(c.path("reads"), "reads"),
                    c.path("members").asInt()));
            weights[k] = c.path("weight").asDouble();
        }
        JsonNode silhouette = root.path("silhouette");
        TemporalModel model = TemporalModel.restore(new TemporalModel.State(
                doubles(root.path("population"), "population"),
                doubles(root.path("populationDelays"), "populationDelays"),
                root.path("alpha").asDouble(),
                clusters,
                weights,
                silhouette.isNumber() ? silhouette.asDouble() : Double.NaN,
                root.path("delayPriorStrength").asDouble(),
                root.path("populationOpenRate").asDouble(),
                root.path("outcomeStrength").asDouble(),
                // models stored before the evidence tuning: no correction, no change detection
                root.has("responseCorrection")
                        ? doubles(root.path("responseCorrection"), "responseCorrection")
                        : TemporalModel.uncorrected(),
                root.path("changeOdds").asDouble(0),
                // sendOutcomes and priorScale came later: before, outcomes were always used and α as fitted
                new TemporalModel.Tuning(
                        root.path("tuning").path("responseCorrection").asDouble(0),
                        root.path("tuning").path("changeOdds").asDouble(0),
                        root.path("tuning").path("sendOutcomes").asBoolean(true),
                        positive(root.path("tuning").path("priorScale").asDouble(1)))));
        Instant fittedAt;
        try {
            fittedAt = Instant.parse(root.path("fittedAt").asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("stored temporal model has no valid fittedAt", e);
        }
        return new FittedModel(
                fittedAt,
                root.path("customers").asInt(),
                root.path("events").asLong(),
                halfLife(root.path("halfLife")),
                model);
    }

    /** Models stored before the half-life was chosen per refresh were all built with the default. */
    private static Duration halfLife(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) return ProfileSettings.HALF_LIFE;
        try {
            Duration d = Duration.parse(node.asText());
            if (d.isNegative() || d.isZero())
                throw new IllegalArgumentException("stored temporal model has a non-positive halfLife");
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("stored temporal model has no valid halfLife", e);
        }
    }

    private static void array(ArrayNode target, double[] values) {
        for (double v : values) target.add(v);
    }

    private static double[] doubles(JsonNode array, String field) {
        if (!array.isArray()) throw new IllegalArgumentException("stored temporal model lacks " + field);
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }

    private static double positive(double priorScale) {
        if (!(priorScale > 0)) throw new IllegalArgumentException("tuning.priorScale must be > 0");
        return priorScale;
    }
}
