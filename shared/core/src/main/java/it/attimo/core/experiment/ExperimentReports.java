package it.attimo.core.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.error.NotFound;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.json.Json;
import it.attimo.core.port.EventLog;
import it.attimo.core.port.ExperimentStore;
import it.attimo.core.port.MessageLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /experiments}: each experiment's results computed on request from the assignments (promoted ones left
 * out), the ledger (who was sent the experimental message, when) and the event log (who converted within the window).
 * A touchpoint experiment's exposure is in the event log too: the subject's first event that carries
 * {@code data.experiment {id, arm}} with the arm recorded for it (the variant was served), so a forged or unknown arm
 * counts for nothing.
 * The first reading that meets the stop rule is recorded as the experiment's decision, here or by the daily job
 * ({@link #decideDue}); a recorded decision is final and is what {@code status} and {@code winner} show.
 */
public final class ExperimentReports {
    public static final String RUNNING = "running";

    private final ExperimentCatalog catalog;
    private final ExperimentStore store;
    private final MessageLedger ledger;
    private final EventLog eventLog;
    private final Clock clock;

    public ExperimentReports(
            ExperimentCatalog catalog, ExperimentStore store, MessageLedger ledger, EventLog eventLog, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.ledger = ledger;
        this.eventLog = eventLog;
        this.clock = clock;
    }

    /** Every experiment, in the file's order: {@code [{id, journey, step, status, metric, arms, lift, pValue, winner}]}. */
    public ArrayNode all() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Experiment e : catalog.all()) out.add(toJson(report(e), false));
        return out;
    }

    /**
     * One experiment, with its stop rule and decision details beside the list's fields.
     *
     * @throws NotFound for an id experiments.json does not declare
     */
    public ObjectNode one(String id) {
        Experiment e = catalog.find(id)
                .orElseThrow(() -> new NotFound("no experiment '" + id + "' (known: "
                        + String.join(
                                ", ", catalog.all().stream().map(Experiment::id).toList()) + ")"));
        return toJson(report(e), true);
    }

    /** The experiment testing the touchpoint's variants, as {@link #all} shows it; empty when none does. */
    public Optional<ObjectNode> onTouchpoint(String touchpointId) {
        return catalog.onTouchpoint(touchpointId).map(e -> toJson(report(e), false));
    }

    /** The daily job: reads every undecided experiment and records the decisions now due; answers how many. */
    public int decideDue() {
        int decided = 0;
        for (Experiment e : catalog.all()) {
            if (store.decision(e.id()).isPresent()) continue;
            Report r = report(e);
            if (r.justDecided) decided++;
        }
        return decided;
    }

    private record Report(
            ExperimentResult result, Optional<ExperimentDecision> decision, long promoted, boolean justDecided) {}

    private Report report(Experiment experiment) {
        Instant now = clock.instant();
        List<Exposure> exposures = new ArrayList<>();
        long promoted = 0;
        for (ExperimentAssignment a : store.assignments(experiment.id())) {
            if (a.promoted()) {
                promoted++;
                continue;
            }
            (experiment.onTouchpoint() ? served(experiment, a) : exposure(experiment, a)).ifPresent(exposures::add);
        }
        ExperimentResult result = ExperimentAnalysis.analyse(experiment, exposures, now);
        Optional<ExperimentDecision> decision = store.decision(experiment.id());
        boolean justDecided = false;
        if (decision.isEmpty() && result.reading() != null) {
            justDecided = store.decide(result.reading());
            decision = justDecided ? Optional.of(result.reading()) : store.decision(experiment.id());
        }
        return new Report(result, decision, promoted, justDecided);
    }

    /** The customer's first sent experimental message, and a metric event within the window after any of them. */
    private Optional<Exposure> exposure(Experiment experiment, ExperimentAssignment a) {
        List<Instant> sends = ledger.forCustomer(a.customerId()).stream()
                .filter(m -> !m.isPlan()
                        && MessageRecord.SENT.equals(m.status())
                        && experiment.journey().equals(m.journey())
                        && experiment.step().equals(m.step())
                        && m.sendAt() != null)
                .map(MessageRecord::sendAt)
                .sorted()
                .toList();
        if (sends.isEmpty()) return Optional.empty();
        List<CustomerEvent> history = eventLog.history(a.customerId());
        boolean converted = false;
        for (CustomerEvent e : history) {
            for (Instant sent : sends) {
                if (experiment.metric().convertsAfter(e, sent)) {
                    converted = true;
                    break;
                }
            }
            if (converted) break;
        }
        return Optional.of(new Exposure(a.customerId(), a.arm(), sends.get(0), converted));
    }

    /**
     * A touchpoint experiment's subject: first served when its earliest event carrying this experiment and the arm
     * recorded for it was logged; converted by a metric event within the window after that.
     */
    private Optional<Exposure> served(Experiment experiment, ExperimentAssignment a) {
        List<CustomerEvent> history = eventLog.history(a.customerId());
        Instant first = null;
        for (CustomerEvent e : history) {
            if (carries(e, experiment.id(), a.arm())
                    && (first == null || e.time().isBefore(first))) first = e.time();
        }
        if (first == null) return Optional.empty();
        Instant exposedAt = first;
        boolean converted = history.stream().anyMatch(e -> experiment.metric().convertsAfter(e, exposedAt));
        return Optional.of(new Exposure(a.customerId(), a.arm(), exposedAt, converted));
    }

    /** Whether the event says the experiment's {@code arm} was served: {@code data.experiment {id, arm}}. */
    static boolean carries(CustomerEvent e, String experimentId, String arm) {
        return e.data() != null
                && e.data().get("experiment") instanceof Map<?, ?> m
                && experimentId.equals(m.get("id"))
                && arm.equals(m.get("arm"));
    }

    private static ObjectNode toJson(Report r, boolean detail) {
        Experiment e = r.result().experiment();
        ObjectNode out = Json.object();
        out.put("id", e.id());
        out.put("journey", e.journey());
        out.put("step", e.step());
        if (e.onTouchpoint()) out.put("touchpoint", e.touchpoint());
        out.put("status", r.decision().map(ExperimentDecision::status).orElse(RUNNING));
        ObjectNode metric = out.putObject("metric");
        metric.put("name", e.metric().name());
        ArrayNode events = metric.putArray("events");
        e.metric().events().forEach(m -> events.add(Json.valueToTree(m.definition())));
        metric.put("within", e.metric().within().toString());
        ArrayNode arms = out.putArray("arms");
        for (ExperimentResult.ArmResult a : r.result().arms()) {
            ObjectNode arm = arms.addObject();
            arm.put("name", a.name());
            Duration offset = e.arm(a.name()).orElseThrow().offset();
            if (detail && offset != null) arm.put("offset", offset.toString());
            arm.put("assigned", a.assigned());
            arm.put("converted", a.converted());
            if (a.rate() == null) arm.putNull("rate");
            else arm.put("rate", a.rate());
        }
        putNumber(out, "lift", r.result().lift());
        putNumber(out, "pValue", r.result().pValue());
        String winner = r.decision()
                .filter(ExperimentDecision::hasWinner)
                .map(ExperimentDecision::winner)
                .orElse(null);
        if (winner == null) out.putNull("winner");
        else out.put("winner", winner);
        if (detail) {
            out.put(
                    "stopRule",
                    "fixed horizon: read once when every arm has " + e.minimumSample()
                            + " customers whose window has closed; p < " + e.alpha()
                            + (e.arms().size() > 2 ? " / " + (e.arms().size() - 1) + " (Bonferroni)" : "")
                            + " declares the better arm");
            out.put("minimumSample", e.minimumSample());
            out.put("alpha", e.alpha());
            out.put("autoPromote", e.autoPromote());
            out.put("promoted", r.promoted());
            r.decision()
                    .ifPresentOrElse(
                            d -> out.putObject("decision")
                                    .put("status", d.status())
                                    .put("pValue", d.pValue())
                                    .put("decidedAt", d.decidedAt().toString()),
                            () -> out.putNull("decision"));
        }
        return out;
    }

    private static void putNumber(ObjectNode out, String field, Double value) {
        if (value == null) out.putNull(field);
        else out.put(field, value);
    }
}
