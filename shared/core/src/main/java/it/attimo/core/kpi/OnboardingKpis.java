package it.attimo.core.kpi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.JourneyDefinition;
import it.attimo.core.journey.Milestone;
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
    /** The journey whose KPIs these are, as journeys.json names it. */
    public static final String ONBOARDING = "onboarding-72h";

    private final JourneyDefinition journey;
    private final CustomerScan scan;
    private final Clock clock;

    /** The KPIs of the catalog's onboarding journey ({@code onboarding-72h}): its milestones are the phases. */
    public OnboardingKpis(CustomerScan scan, JourneyCatalog catalog, Clock clock) {
        this(scan, catalog.require(ONBOARDING), clock);
    }

    /** The KPIs of {@code journey}, whose milestones with an {@code entered} key are the funnel's phases. */
    public OnboardingKpis(CustomerScan scan, JourneyDefinition journey, Clock clock) {
        this.scan = scan;
        this.journey = journey;
        this.clock = clock;
    }

    /** The KPI document served at {@code GET /kpis/onboarding} (shape in docs/onboarding.md). */
    public ObjectNode compute() {
        Totals overall = new Totals(journey);
        Map<String, Totals> cohorts = new TreeMap<>();
        scan.forEach(c -> {
            Profile p = c.profile();
            // the journey's audience: its trigger's profile conditions (b2b) and its trigger event (account.registered)
            if (p == null || !journey.triggerProfile().test(JourneyDefinition.profileFields(p))) return;
            Optional<Instant> registered = c.history().stream()
                    .filter(e -> journey.triggerType().equals(e.type()))
                    .map(CustomerEvent::time)
                    .min(Comparator.naturalOrder());
            if (registered.isEmpty()) return;
            overall.add(p, c.history());
            cohorts.computeIfAbsent(isoWeek(registered.get()), k -> new Totals(journey))
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

        final JourneyDefinition journey;
        final List<Milestone> timed;
        final List<Milestone> funnel;
        final List<Milestone> guides;

        Totals(JourneyDefinition journey) {
            this.journey = journey;
            this.timed = journey.milestones().stream()
                    .filter(m -> m.measures(Milestone.COMPLETION_TIME))
                    .toList();
            this.funnel = journey.milestones().stream()
                    .filter(m -> m.entered() != null)
                    .toList();
            this.guides = journey.milestones().stream()
                    .filter(m -> m.measures(Milestone.GUIDE_COMPLETION))
                    .toList();
            timed.forEach(m -> moduleSeconds.put(m.name(), new double[2]));
            funnel.forEach(ph -> phases.put(ph.name(), new int[2]));
        }

        void add(Profile p, List<CustomerEvent> history) {
            customers++;
            for (Milestone module : timed) {
                completionSeconds(history, module).ifPresent(s -> {
                    double[] acc = moduleSeconds.get(module.name());
                    acc[0] += s;
                    acc[1]++;
                });
            }
            for (Milestone ph : funnel) {
                boolean done = has(history, ph.reached());
                boolean entered = done
                        || has(history, ph.entered())
                        || (ph.entered().startsWith("form.started:")
                                && has(history, "form.abandoned:" + ph.entered().substring("form.started:".length())));
                int[] acc = phases.get(ph.name());
                if (entered) acc[0]++;
                if (done) acc[1]++;
            }
            for (CustomerEvent e : history) {
                if (EventTypes.SUPPORT_CONTACTED.equals(e.type()))
                    supportPerWeek.merge(isoWeek(e.time()), 1, Integer::sum);
            }
            if (!guides.isEmpty() && guides.stream().allMatch(g -> has(history, g.reached()))) guideCompleted++;
            tiers.merge(p.tier() == null ? "none" : p.tier(), 1, Integer::sum);
            String outcome = p.outcomes().get(journey.name());
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
     * A milestone's completion time: the {@code durationSeconds} of its first reaching event, or else the time from
     * its first entering event to that one.
     */
    static Optional<Double> completionSeconds(List<CustomerEvent> history, Milestone module) {
        Optional<CustomerEvent> completed = WakeKeys.firstMatch(history, Set.of(module.reached()), null, null);
        if (completed.isEmpty()) return Optional.empty();
        Double given = completed.get().number("durationSeconds");
        if (given != null && given >= 0) return Optional.of(given);
        return WakeKeys.firstMatch(
                        history, Set.of(module.entered()), null, completed.get().time())
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
