package it.attimo.core.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.Profile;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.event.EventTypes;
import it.attimo.core.journey.JourneyDefinition;
import it.attimo.core.journey.MessageRecord;
import it.attimo.core.journey.Milestone;
import it.attimo.core.journey.WakeKeys;
import it.attimo.core.json.Json;
import it.attimo.core.timing.SendWindows;
import it.attimo.core.timing.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The dashboard's facts, gathered by the scheduled analytics refresh customer by customer and stored as two tables
 * the read side only filters and adds up ({@link InsightsReports}):
 *
 * <ul>
 *   <li>{@value #DAYS}: one row per Europe/Rome day × segment × macro-area with the sums the overview's KPIs are
 *       ratios of (names in {@link Sum}), each fact counted on the day of its anchor (the send, the delivery, the
 *       answer, the registration);
 *   <li>{@value #HEAT}: one row per day × segment × macro-area × cluster with sends, opens and clicks per local hour
 *       ({@code hours: {"10": [sends, opens, clicks]}}, zero hours left out).
 * </ul>
 *
 * Sends are the ledger's SENT messages (at their send time); opens are {@code email.opened} and {@code push.opened},
 * clicks {@code email.clicked} and {@code sms.clicked} events. Only facts of the last {@value #WINDOW_DAYS} days are
 * kept.
 */
public final class EngagementDays {
    public static final String DAYS = "days";
    public static final String HEAT = "heat";
    public static final int WINDOW_DAYS = 400;
    static final ZoneId ROME = ZoneId.of("Europe/Rome");

    /** The sums of a {@value #DAYS} row. */
    public static final class Sum {
        public static final String SENT = "sent";
        public static final String SENT_PREFIX = "sent.";
        public static final String OPENED = "opened";
        public static final String RESPONSE_HOURS = "responseHours";
        public static final String RESPONSES = "responses";
        public static final String INTERACTIONS = "interactions";
        public static final String OPTIMAL = "interactionsInOptimalSlot";
        public static final String DELIVERED = "delivered";
        public static final String CONTACTED_24H = "contacted24h";
        public static final String CONTACTED_72H = "contacted72h";
        /** deliveries at least 14 days before the refresh: the base of repurchase and guide completion */
        public static final String DELIVERED_14D = "delivered14d";

        public static final String REPURCHASED = "repurchased7to14";
        public static final String PP_GUIDE = "postPurchaseGuide";
        public static final String CSAT_ANSWERS = "csatAnswers";
        public static final String CSAT_SATISFIED = "csatSatisfied";
        public static final String NPS_ANSWERS = "npsAnswers";
        public static final String NPS_PROMOTERS = "npsPromoters";
        public static final String NPS_DETRACTORS = "npsDetractors";
        public static final String ONB_CUSTOMERS = "onboardingCustomers";
        public static final String ONB_COMPLETION_HOURS = "onboardingCompletionHours";
        public static final String ONB_COMPLETIONS = "onboardingCompletions";
        public static final String ONB_GUIDE = "onboardingGuideCompleted";
        public static final String ONB_SUPPORT = "onboardingSupport";
        public static final String ONB_PHASE_PREFIX = "phase.";

        private Sum() {}
    }

    private final Instant asOf;
    private final Instant from;
    private final JourneyDefinition onboarding;
    private final SendWindows windows = SendWindows.defaults();
    private final Map<String, Map<String, Double>> days = new HashMap<>();
    private final Map<String, Facts> heat = new HashMap<>();

    /** @param onboarding the onboarding journey (its milestones are the phases), or null */
    public EngagementDays(Instant asOf, JourneyDefinition onboarding) {
        this.asOf = asOf;
        this.from = asOf.minus(Duration.ofDays(WINDOW_DAYS));
        this.onboarding = onboarding;
    }

    /** One customer's log and ledger messages. */
    public void add(Profile p, List<CustomerEvent> history, List<MessageRecord> messages) {
        String segment = p.segment() == null ? null : p.segment().id();
        String area = p.location() == null ? null : p.location().macroArea();
        Facts facts = new Facts(segment, area);
        for (MessageRecord m : messages) {
            if (m.isPlan() || !MessageRecord.SENT.equals(m.status()) || m.sendAt() == null || !kept(m.sendAt()))
                continue;
            facts.add(m.sendAt(), 0);
            add(m.sendAt(), segment, area, Sum.SENT, 1);
            if (m.channel() != null)
                add(m.sendAt(), segment, area, Sum.SENT_PREFIX + m.channel().id(), 1);
            Instant response = null;
            boolean opened = false;
            for (Map.Entry<String, Instant> o : m.outcomes().entrySet()) {
                boolean open = o.getKey().endsWith(".opened");
                boolean click = o.getKey().endsWith(".clicked");
                opened |= open;
                if ((open || click) && (response == null || o.getValue().isBefore(response))) response = o.getValue();
            }
            if (opened) add(m.sendAt(), segment, area, Sum.OPENED, 1);
            if (response != null && !response.isBefore(m.sendAt())) {
                add(m.sendAt(), segment, area, Sum.RESPONSES, 1);
                add(m.sendAt(), segment, area, Sum.RESPONSE_HOURS, hours(m.sendAt(), response));
            }
        }
        for (CustomerEvent e : history) {
            if (!kept(e.time())) continue;
            String type = e.type();
            boolean open = type.equals(EventTypes.EMAIL_OPENED) || type.equals(EventTypes.PUSH_OPENED);
            boolean click = type.equals(EventTypes.EMAIL_CLICKED) || type.equals(EventTypes.SMS_CLICKED);
            if (open || click) {
                facts.add(e.time(), open ? 1 : 2);
                add(e.time(), segment, area, Sum.INTERACTIONS, 1);
                if (inGoldenHour(type, e.time())) add(e.time(), segment, area, Sum.OPTIMAL, 1);
            } else if (type.equals(EventTypes.ORDER_DELIVERED)) {
                delivered(e, history, messages, segment, area);
            } else if (type.equals(EventTypes.SURVEY_ANSWERED)) {
                Double csat = e.number("csat");
                if (csat != null) {
                    add(e.time(), segment, area, Sum.CSAT_ANSWERS, 1);
                    if (csat >= 4) add(e.time(), segment, area, Sum.CSAT_SATISFIED, 1);
                }
                Double nps = e.number("nps");
                if (nps != null) {
                    add(e.time(), segment, area, Sum.NPS_ANSWERS, 1);
                    if (nps >= 9) add(e.time(), segment, area, Sum.NPS_PROMOTERS, 1);
                    if (nps <= 6) add(e.time(), segment, area, Sum.NPS_DETRACTORS, 1);
                }
            }
        }
        onboarding(p, history, segment, area);
        if (facts.size > 0) heat.put(p.customerId(), facts);
    }

    private void delivered(
            CustomerEvent delivery,
            List<CustomerEvent> history,
            List<MessageRecord> messages,
            String segment,
            String area) {
        Instant at = delivery.time();
        add(at, segment, area, Sum.DELIVERED, 1);
        Instant first = null;
        for (MessageRecord m : messages) {
            if (m.isPlan() || !MessageRecord.SENT.equals(m.status()) || m.sendAt() == null) continue;
            if (!m.sendAt().isBefore(at) && (first == null || m.sendAt().isBefore(first))) first = m.sendAt();
        }
        if (first != null && !first.isAfter(at.plus(Duration.ofHours(24))))
            add(at, segment, area, Sum.CONTACTED_24H, 1);
        if (first != null && !first.isAfter(at.plus(Duration.ofHours(72))))
            add(at, segment, area, Sum.CONTACTED_72H, 1);
        if (at.plus(Duration.ofDays(14)).isAfter(asOf)) return;
        add(at, segment, area, Sum.DELIVERED_14D, 1);
        boolean repurchased = false;
        boolean guide = false;
        for (CustomerEvent e : history) {
            if (e.time().isBefore(at) || e.time().isAfter(at.plus(Duration.ofDays(14)))) continue;
            if (e.type().equals(EventTypes.ORDER_PLACED) && !e.time().isBefore(at.plus(Duration.ofDays(7))))
                repurchased = true;
            if (e.type().equals(EventTypes.VIDEO_WATCHED) || e.type().equals(EventTypes.CONTENT_DOWNLOADED))
                guide = true;
        }
        if (repurchased) add(at, segment, area, Sum.REPURCHASED, 1);
        if (guide) add(at, segment, area, Sum.PP_GUIDE, 1);
    }

    private void onboarding(Profile p, List<CustomerEvent> history, String segment, String area) {
        if (onboarding == null || !onboarding.triggerProfile().test(JourneyDefinition.profileFields(p))) return;
        Optional<Instant> registered = history.stream()
                .filter(e -> onboarding.triggerType().equals(e.type()))
                .map(CustomerEvent::time)
                .min(Instant::compareTo);
        if (registered.isEmpty() || !kept(registered.get())) return;
        Instant at = registered.get();
        add(at, segment, area, Sum.ONB_CUSTOMERS, 1);
        boolean guides = false;
        boolean allGuides = true;
        for (Milestone m : onboarding.milestones()) {
            Optional<Instant> reached = first(history, m.reached());
            if (m.measures(Milestone.COMPLETION_TIME) && m.entered() != null) {
                Optional<Instant> entered = first(history, m.entered());
                if (entered.isPresent() && reached.isPresent() && !reached.get().isBefore(entered.get())) {
                    add(at, segment, area, Sum.ONB_COMPLETIONS, 1);
                    add(at, segment, area, Sum.ONB_COMPLETION_HOURS, hours(entered.get(), reached.get()));
                }
            }
            if (m.entered() != null) {
                boolean done = reached.isPresent();
                boolean entered = done || first(history, m.entered()).isPresent();
                if (entered) add(at, segment, area, Sum.ONB_PHASE_PREFIX + m.name() + ".entered", 1);
                if (done) add(at, segment, area, Sum.ONB_PHASE_PREFIX + m.name() + ".done", 1);
            }
            if (m.measures(Milestone.GUIDE_COMPLETION)) {
                guides = true;
                allGuides &= reached.isPresent();
            }
        }
        if (guides && allGuides) add(at, segment, area, Sum.ONB_GUIDE, 1);
        for (CustomerEvent e : history)
            if (e.type().equals(EventTypes.SUPPORT_CONTACTED) && kept(e.time()))
                add(e.time(), segment, area, Sum.ONB_SUPPORT, 1);
    }

    private static Optional<Instant> first(List<CustomerEvent> history, String key) {
        if (key == null) return Optional.empty();
        return history.stream()
                .filter(e -> WakeKeys.matches(key, e))
                .map(CustomerEvent::time)
                .min(Instant::compareTo);
    }

    private boolean inGoldenHour(String type, Instant at) {
        Channel channel =
                type.startsWith("sms.") ? Channel.SMS : type.startsWith("push.") ? Channel.PUSH : Channel.EMAIL;
        TimeWindow best = windows.window(channel).best();
        return best.contains(at.atZone(ROME).toLocalTime());
    }

    private boolean kept(Instant at) {
        return !at.isBefore(from) && !at.isAfter(asOf);
    }

    private void add(Instant at, String segment, String area, String sum, double value) {
        String key = LocalDate.ofInstant(at, ROME) + "|" + segment + "|" + area;
        days.computeIfAbsent(key, k -> new TreeMap<>()).merge(sum, value, Double::sum);
    }

    private static double hours(Instant from, Instant to) {
        return Duration.between(from, to).getSeconds() / 3600.0;
    }

    /** The {@value #DAYS} rows, by date. */
    public List<ObjectNode> dayRows() {
        List<ObjectNode> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Double>> d : new TreeMap<>(days).entrySet()) {
            String[] k = d.getKey().split("\\|", -1);
            ObjectNode row = key(k[0], k[1], k[2]);
            ObjectNode sums = row.putObject("sums");
            d.getValue().forEach((name, v) -> sums.put(name, Math.round(v * 1000) / 1000.0));
            rows.add(row);
        }
        return rows;
    }

    /** The {@value #HEAT} rows, by date; {@code clusterOf} gives each customer's cluster of this refresh (or null). */
    public List<ObjectNode> heatRows(Function<String, Integer> clusterOf) {
        Map<String, int[][]> cells = new TreeMap<>();
        heat.forEach((customerId, facts) -> {
            Integer cluster = clusterOf.apply(customerId);
            for (int i = 0; i < facts.size; i++) {
                long f = facts.values[i];
                ZonedDateTime local = Instant.ofEpochSecond((f >> 2) * 3600).atZone(ROME);
                String key = local.toLocalDate() + "|" + facts.segment + "|" + facts.area + "|" + cluster;
                cells.computeIfAbsent(key, k -> new int[24][3])[local.getHour()][(int) (f & 3)]++;
            }
        });
        List<ObjectNode> rows = new ArrayList<>();
        cells.forEach((key, hours) -> {
            String[] k = key.split("\\|", -1);
            ObjectNode row = key(k[0], k[1], k[2]);
            if (k[3].equals("null")) row.putNull("cluster");
            else row.put("cluster", Integer.parseInt(k[3]));
            ObjectNode h = row.putObject("hours");
            for (int hour = 0; hour < 24; hour++) {
                int[] c = hours[hour];
                if (c[0] == 0 && c[1] == 0 && c[2] == 0) continue;
                ArrayNode a = h.putArray(Integer.toString(hour));
                for (int v : c) a.add(v);
            }
            rows.add(row);
        });
        return rows;
    }

    private static ObjectNode key(String date, String segment, String area) {
        ObjectNode row = Json.object();
        row.put("date", date);
        row.put("weekday", LocalDate.parse(date).getDayOfWeek().getValue());
        if (segment.equals("null")) row.putNull("segment");
        else row.put("segment", segment);
        if (area.equals("null")) row.putNull("macroArea");
        else row.put("macroArea", area);
        return row;
    }

    /** A customer's sends, opens and clicks: epoch hour × 4 + metric (0 send, 1 open, 2 click). */
    private static final class Facts {
        final String segment;
        final String area;
        long[] values = new long[8];
        int size;

        Facts(String segment, String area) {
            this.segment = segment;
            this.area = area;
        }

        void add(Instant at, int metric) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = (Math.floorDiv(at.getEpochSecond(), 3600) << 2) | metric;
        }
    }
}
