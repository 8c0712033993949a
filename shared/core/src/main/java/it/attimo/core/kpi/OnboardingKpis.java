package it.attimo.core.kpi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.WakeKeys;
import it.attimo.core.json.Json;
import it.attimo.core.port.CustomerScan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The KPIs of seed 000 (B2B onboarding) over every b2b customer with an {@code account.registered} event, overall and
 * by cohort (ISO week of registration in Europe/Rome): mean module completion time, abandonment rate per phase,
 * support interactions per week, share of guide content completed, distribution of customers by score tier.
 * "Abandoned" means "not done so far": a customer still inside the 72 h counts against a phase they have not reached.
 */
public final class OnboardingKpis {
    public static final ZoneId ROME = ZoneId.of("Europe/Rome");
    /** The modules whose completion time is measured. */
    public static final List<String> MODULES = List.of("first-module", "profile");
    /** Phases in funnel order: each phase's key and the key that shows the customer entered it. */
    static final List<Phase> PHASES = List.of(
            new Phase("portal", EventTypes.ACCOUNT_REGISTERED, EventTypes.PORTAL_ACCESSED),
            new Phase("first-module", "form.started:first-module", "form.completed:first-module"),
            new Phase("profile", "form.started:profile", "form.completed:profile"),
            new Phase("guide-video", "form.completed:profile", "video.watched:guide"));

    static final String GUIDE = "video.watched:guide";

    record Phase(String name, String enteredKey, String doneKey) {}

    private final CustomerScan scan;
    private final Clock clock;

    public OnboardingKpis(CustomerScan scan, Clock clock) {
        this.scan = scan;
        this.clock = clock;
    }

    /** The KPI document served at {@code GET /kpis/onboarding} (shape in docs/onboarding.md). */
    public ObjectNode compute() {
        Totals overall = new Totals();
        Map<String, Totals> cohorts = new TreeMap<>();
        scan.forEach(c -> {
            Profile p = c.profile();
            if (p == null || p.segment() != Segment.B2B) return;
            Optional<Instant> registered = c.history().stream()
                    .filter(e -> EventTypes.ACCOUNT_REGISTERED.equals(e.type()))
                    .map(CustomerEvent::time)
                    .min(Comparator.naturalOrder());
            if (registered.isEmpty()) return;
            overall.add(p, c.history());
            cohorts.computeIfAbsent(isoWeek(registered.get()), k -> new Totals())
                    .add(p, c.history());
        });
        ObjectNode out = Json.object();
        out.put("generatedAt", clock.instant().toString());
        out.put("cohortBy", "ISO week of account.registered, Europe/Rome");
        out.set("overall", overall.toJson());
        ArrayNode list = out.putArray("cohorts");
        cohorts.forEach((week, totals) -> {
            ObjectNode n = totals.toJson();
            ObjectNode withName = Json.object();
            withName.put("cohort", week);
            withName.setAll(n);
            list.add(withName);
        });
        return out;
    }

    /** ISO week-based year and week of an instant in Rome, e.g. {@code 2026-W24}. */
    public static String isoWeek(Instant at) {
        ZonedDateTime local = at.atZone(ROME);
        return String.format(
                "%d-W%02d", local.get(IsoFields.WEEK_BASED_YEAR), local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Running sums for one group of customers. */
    private static final class Totals {
        int customers;
        final Map<String, double[]> moduleSeconds = new LinkedHashMap<>(); // module -> {sum, count}
        final Map<String, int[]> phases = new LinkedHashMap<>(); // phase -> {entered, done}
        final Map<String, Integer> supportPerWeek = new TreeMap<>();
        int guideCompleted;
        final Map<String, Integer> tiers = new TreeMap<>();
        final Map<String, Integer> outcomes = new TreeMap<>();

        Totals() {
            MODULES.forEach(m -> moduleSeconds.put(m, new double[2]));
            PHASES.forEach(ph -> phases.put(ph.name(), new int[2]));
        }

        void add(Profile p, List<CustomerEvent> history) {
            customers++;
            for (String module : MODULES) {
                completionSeconds(history, module).ifPresent(s -> {
                    double[] acc = moduleSeconds.get(module);
                    acc[0] += s;
                    acc[1]++;
                });
            }
            for (Phase ph : PHASES) {
                boolean done = has(history, ph.doneKey());
                boolean entered = done
                        || has(history, ph.enteredKey())
                        || (ph.enteredKey().startsWith("form.started:")
                                && has(
                                        history,
                                        "form.abandoned:" + ph.enteredKey().substring("form.started:".length())));
                int[] acc = phases.get(ph.name());
                if (entered) acc[0]++;
                if (done) acc[1]++;
            }
            for (CustomerEvent e : history) {
                if (EventTypes.SUPPORT_CONTACTED.equals(e.type()))
                    supportPerWeek.merge(isoWeek(e.time()), 1, Integer::sum);
            }
            if (has(history, GUIDE)) guideCompleted++;
            tiers.merge(p.tier() == null ? "none" : p.tier(), 1, Integer::sum);
            String outcome = p.outcomes().get(JourneyCatalog.ONBOARDING);
            if (outcome != null) outcomes.merge(outcome, 1, Integer::sum);
        }

        ObjectNode toJson() {
            ObjectNode n = Json.object();
            n.put("customers", customers);
            ObjectNode modules = n.putObject("meanModuleCompletionSeconds");
            double allSum = 0;
            double allCount = 0;
            for (Map.Entry<String, double[]> m : moduleSeconds.entrySet()) {
                double[] acc = m.getValue();
                allSum += acc[0];
                allCount += acc[1];
                if (acc[1] == 0) modules.putNull(m.getKey());
                else modules.put(m.getKey(), round(acc[0] / acc[1]));
            }
            if (allCount == 0) modules.putNull("all");
            else modules.put("all", round(allSum / allCount));
            ObjectNode abandonment = n.putObject("abandonmentRatePercent");
            ObjectNode funnel = n.putObject("phases");
            for (Map.Entry<String, int[]> ph : phases.entrySet()) {
                int entered = ph.getValue()[0];
                int done = ph.getValue()[1];
                if (entered == 0) abandonment.putNull(ph.getKey());
                else abandonment.put(ph.getKey(), round(100.0 * (entered - done) / entered));
                ObjectNode f = funnel.putObject(ph.getKey());
                f.put("entered", entered);
                f.put("completed", done);
            }
            n.set("supportInteractionsPerWeek", Json.valueToTree(supportPerWeek));
            if (customers == 0) n.putNull("guideCompletedPercent");
            else n.put("guideCompletedPercent", round(100.0 * guideCompleted / customers));
            n.set("tiers", Json.valueToTree(tiers));
            n.set("outcomes", Json.valueToTree(outcomes));
            return n;
        }
    }

    /**
     * A module's completion time: the {@code durationSeconds} of its first {@code form.completed}, or else the time
     * from its first {@code form.started} to that completion.
     */
    static Optional<Double> completionSeconds(List<CustomerEvent> history, String module) {
        Optional<CustomerEvent> completed =
                WakeKeys.firstMatch(history, Set.of("form.completed:" + module), null, null);
        if (completed.isEmpty()) return Optional.empty();
        Double given = completed.get().number("durationSeconds");
        if (given != null && given >= 0) return Optional.of(given);
        return WakeKeys.firstMatch(
                        history,
                        Set.of("form.started:" + module),
                        null,
                        completed.get().time())
                .map(s -> (double) Duration.between(s.time(), completed.get().time())
                                .toMillis()
                        / 1000.0);
    }

    private static boolean has(List<CustomerEvent> history, String key) {
        for (CustomerEvent e : history) if (WakeKeys.matches(key, e)) return true;
        return false;
    }

    private static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
