package it.attimo.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.attimo.core.channel.Channel;
import it.attimo.core.customer.ChurnRisk;
import it.attimo.core.customer.Location;
import it.attimo.core.customer.Profile;
import it.attimo.core.customer.Segment;
import it.attimo.core.event.CustomerEvent;
import it.attimo.core.insights.EngagementDays;
import it.attimo.core.journey.JourneyCatalog;
import it.attimo.core.journey.MessageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the dashboard's facts add to the analytics refresh: {@code --customers} synthetic customers, each with
 * {@code --events} events over the last year (deliveries, orders, surveys, opens, clicks, support) and
 * {@code --messages} sent ledger messages with outcomes, folded by {@link EngagementDays} as the refresh does customer
 * by customer, then its day and heat rows built. Generation is timed apart; reading DynamoDB is not included.
 *
 * <pre>java -Xmx1g -cp "$CP" it.attimo.bench.EngagementDaysBenchmark --customers 100000 --events 30 --messages 6</pre>
 */
public final class EngagementDaysBenchmark {
    private static final List<String> TYPES = List.of(
            "email.opened",
            "email.clicked",
            "order.delivered",
            "order.placed",
            "survey.answered",
            "support.contacted",
            "portal.accessed",
            "sms.clicked",
            "push.opened",
            "video.watched");
    private static final List<String> AREAS = List.of("Nord-ovest", "Nord-est", "Centro", "Sud", "Isole");

    private EngagementDaysBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> a = Args.parse(args);
        int customers = Integer.parseInt(a.getOrDefault("customers", "100000"));
        int events = Integer.parseInt(a.getOrDefault("events", "30"));
        int messages = Integer.parseInt(a.getOrDefault("messages", "6"));
        Instant asOf = Instant.parse(a.getOrDefault("as-of", "2026-12-01T03:00:00Z"));
        SplittableRandom random = new SplittableRandom(Long.parseLong(a.getOrDefault("seed", "7")));

        long g = System.nanoTime();
        List<Object[]> population = new ArrayList<>(customers);
        for (int c = 0; c < customers; c++) {
            String id = "c-" + c;
            Segment segment = c % 5 == 0 ? Segment.B2B : Segment.B2C;
            Profile p = new Profile(
                    id,
                    segment,
                    new Location("000000", "x", "XX", "x", "x", AREAS.get(c % 5)),
                    "it",
                    "lei",
                    Map.of(),
                    0,
                    "warm",
                    List.of(),
                    Map.of(),
                    asOf,
                    asOf,
                    List.of(),
                    List.of(),
                    Map.of(),
                    asOf,
                    0,
                    ChurnRisk.NONE);
            List<CustomerEvent> history = new ArrayList<>(events);
            for (int e = 0; e < events; e++) {
                String type = TYPES.get(random.nextInt(TYPES.size()));
                Instant at = asOf.minus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
                Map<String, Object> data = type.equals("survey.answered")
                        ? Map.of("nps", random.nextInt(11), "csat", 1 + random.nextInt(5))
                        : Map.of();
                history.add(new CustomerEvent(id + "-" + e, "bench", type, id, at, data));
            }
            List<MessageRecord> ledger = new ArrayList<>(messages);
            for (int m = 0; m < messages; m++) {
                Instant at = asOf.minus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
                MessageRecord r = new MessageRecord(
                        id,
                        "x-" + m + "#s",
                        "post-purchase",
                        "x-" + m,
                        "welcome",
                        m % 3 == 0 ? Channel.SMS : Channel.EMAIL,
                        "service",
                        at,
                        MessageRecord.SENT,
                        null,
                        null,
                        at);
                if (random.nextBoolean()) r = r.withOutcome("email.opened", at.plus(Duration.ofHours(3)));
                ledger.add(r);
            }
            population.add(new Object[] {p, history, ledger});
        }
        System.out.printf(
                Locale.ROOT,
                "generated %,d customers (%,d events, %,d messages) in %d ms%n",
                customers,
                (long) customers * events,
                (long) customers * messages,
                ms(g));

        for (int round = 1; round <= 2; round++) {
            System.gc();
            long t = System.nanoTime();
            EngagementDays days =
                    new EngagementDays(asOf, JourneyCatalog.defaults().require("onboarding-72h"));
            for (Object[] c : population) {
                @SuppressWarnings("unchecked")
                List<CustomerEvent> history = (List<CustomerEvent>) c[1];
                @SuppressWarnings("unchecked")
                List<MessageRecord> ledger = (List<MessageRecord>) c[2];
                days.add((Profile) c[0], history, ledger);
            }
            long folded = ms(t);
            List<ObjectNode> dayRows = days.dayRows();
            List<ObjectNode> heatRows = days.heatRows(id -> id.hashCode() & 3);
            long bytes = 0;
            for (ObjectNode r : dayRows) bytes += r.toString().length();
            for (ObjectNode r : heatRows) bytes += r.toString().length();
            System.out.printf(
                    Locale.ROOT,
                    "round %d: folded in %d ms, %,d day rows + %,d heat rows (%,d kB as JSON) in %d ms total%n",
                    round,
                    folded,
                    dayRows.size(),
                    heatRows.size(),
                    bytes / 1024,
                    ms(t));
        }
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
