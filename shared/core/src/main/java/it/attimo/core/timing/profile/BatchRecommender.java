package it.attimo.core.timing.profile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Segment;
import it.attimo.core.timing.MessageKind;
import it.attimo.core.timing.PlanRequest;
import it.attimo.core.timing.SendPlan;
import it.attimo.core.timing.SendWindowPlanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The {@code recommend} batch: read customers (NDJSON, {@code customer.upserted} data plus {@code id}; only {@code id},
 * {@code comune} and {@code segment} are read), stream their events (CloudEvents NDJSON) into temporal profiles as of
 * {@code from} (half-life chosen on the last week before {@code from} by {@link AdaptiveHalfLife}, unless fixed),
 * fit the population model, and plan one send per customer in [from, to) with its prediction: the allowed slot with
 * the highest predicted response, and when no slot reaches the kind's threshold still the best allowed one
 * ({@code belowThreshold}: a recommendation does not skip). Writes one JSON line per customer: {@code customerId},
 * {@code sendAt} (null only when no slot in [from, to) is allowed at all), {@code localTime}, {@code suitability},
 * {@code cluster}, {@code belowThreshold}, and {@code reasons} when below the threshold or skipped, {@code skipped}
 * when skipped. Memory: one 168-bin profile per customer, no JSON trees.
 */
public final class BatchRecommender {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int BLOCK = 4096;
    private static final String[] CUSTOMER_FIELDS = {"id", "comune", "segment"};

    public record Summary(
            int customers,
            int planned,
            int skipped,
            int belowThreshold,
            long events,
            int unknownComuni,
            int clusters,
            double alpha,
            Duration halfLife,
            String halfLifeBasis,
            TemporalModel.Tuning tuning,
            long millis) {}

    private record CustomerRow(String id, String comune, Segment segment) {}

    private final SendWindowPlanner planner;
    private final Duration fixedHalfLife;

    /** Profiles with the half-life {@link AdaptiveHalfLife} chooses on the last week before {@code from}. */
    public BatchRecommender(SendWindowPlanner planner) {
        this(planner, null);
    }

    /** @param fixedHalfLife the profiles' half-life, or null to choose it from the history ({@link AdaptiveHalfLife}) */
    public BatchRecommender(SendWindowPlanner planner, Duration fixedHalfLife) {
        this.planner = planner;
        this.fixedHalfLife = fixedHalfLife;
    }

    public Summary run(
            InputStream customers,
            InputStream events,
            Instant from,
            Instant to,
            Channel channel,
            MessageKind kind,
            Writer out) {
        if (!to.isAfter(from)) throw new IllegalArgumentException("--to must be after --from");
        long start = System.nanoTime();
        List<CustomerRow> rows = readCustomers(customers);
        TimingHistories histories = new TimingHistories(from);
        for (CustomerRow r : rows) histories.register(r.id());
        long eventCount =
                NdjsonEvents.read(events, (type, subject, time) -> histories.addIfRegistered(subject, type, time));
        AdaptiveHalfLife.Decision halfLife = fixedHalfLife != null
                ? new AdaptiveHalfLife.Decision(fixedHalfLife, "fixed", Map.of())
                : AdaptiveHalfLife.decide(
                        histories,
                        from,
                        TemporalModel.Settings.defaults(),
                        List.of(HalfLifeSelection.hoursOf(
                                planner.windows().window(channel).allowed())));
        Map<String, TemporalProfile> byId = new HashMap<>(rows.size() * 2);
        for (TemporalProfile p : histories.profiles(from, halfLife.halfLife())) byId.put(p.customerId(), p);
        List<TemporalProfile> profiles = new ArrayList<>(rows.size());
        for (CustomerRow r : rows) profiles.add(byId.get(r.id()));
        TemporalModel model =
                TemporalModel.fit(profiles, TemporalModel.Settings.defaults()).tuned(halfLife.tuning());
        int planned = 0, skipped = 0, unknown = 0, belowThreshold = 0;
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the caller owns the writer (often stdout)
            g.setRootValueSeparator(null);
            for (int blockStart = 0; blockStart < rows.size(); blockStart += BLOCK) {
                int blockEnd = Math.min(rows.size(), blockStart + BLOCK);
                SendPlan[] plans = new SendPlan[blockEnd - blockStart];
                String[] clusters = new String[plans.length];
                final int base = blockStart;
                // plans are independent and the planner is pure: plan a block in parallel, write it in input order
                IntStream.range(0, plans.length).parallel().forEach(j -> {
                    CustomerRow r = rows.get(base + j);
                    CustomerPrediction prediction = model.predict(profiles.get(base + j));
                    clusters[j] = prediction.cluster();
                    plans[j] = planner.plan(PlanRequest.builder(channel, from)
                            .deadline(to)
                            .comune(knownComune(r.comune()))
                            .segment(r.segment())
                            .kind(kind)
                            .prediction(prediction)
                            .neverSkip(true)
                            .build());
                });
                for (int j = 0; j < plans.length; j++) {
                    CustomerRow r = rows.get(base + j);
                    profiles.set(base + j, null);
                    if (r.comune() != null && knownComune(r.comune()) == null) unknown++;
                    SendPlan plan = plans[j];
                    g.writeStartObject();
                    g.writeStringField("customerId", r.id());
                    if (plan.isSkipped()) {
                        g.writeNullField("sendAt");
                        g.writeNullField("localTime");
                    } else {
                        g.writeStringField("sendAt", plan.sendAt().toString());
                        g.writeStringField(
                                "localTime",
                                java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(plan.localTime()));
                    }
                    g.writeNumberField("suitability", plan.suitability());
                    g.writeStringField("cluster", clusters[j]);
                    g.writeBooleanField("belowThreshold", plan.belowThreshold());
                    if (plan.isSkipped()) {
                        g.writeStringField("skipped", plan.skipped());
                        skipped++;
                    } else {
                        planned++;
                        if (plan.belowThreshold()) belowThreshold++;
                    }
                    if (plan.isSkipped() || plan.belowThreshold()) {
                        g.writeArrayFieldStart("reasons");
                        for (String reason : plan.reasons()) g.writeString(reason);
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Summary(
                rows.size(),
                planned,
                skipped,
                belowThreshold,
                eventCount,
                unknown,
                model.clusters().size(),
                model.alpha(),
                halfLife.halfLife(),
                halfLife.basis(),
                model.tuning(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The code if the bundled directory knows it; unknown codes plan with the national calendar only. */
    private String knownComune(String code) {
        return code != null && planner.calendar().directory().byCode(code).isPresent() ? code : null;
    }

    private static List<CustomerRow> readCustomers(InputStream input) {
        List<CustomerRow> rows = new ArrayList<>();
        NdjsonRows.read(input, "customers", CUSTOMER_FIELDS, (lineNo, values) -> {
            String id = values[0], comune = values[1], segment = values[2];
            if (id == null || id.isBlank())
                throw new IllegalArgumentException("customers line " + lineNo + ": missing id");
            Segment seg;
            try {
                seg = segment == null ? Segment.B2C : Segment.parse(segment);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("customers line " + lineNo + ": " + e.getMessage());
            }
            rows.add(new CustomerRow(id, comune, seg));
        });
        return rows;
    }
}
