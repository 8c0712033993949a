package it.attimo.core.timing.profile;

import it.attimo.core.event.EventTypes;
import it.attimo.core.timing.HourOfWeek;
import it.attimo.core.timing.LocalSlots;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Set;

/**
 * Streams one customer's events into a {@link TemporalProfile}, in any order. Activity events ({@link #ACTIVITY}:
 * engagement events and purchases) fill the hour-of-week bins, weighted {@code 0.5^(age / halfLife)} with the age
 * measured from {@code asOf} (no clock read). Sends ({@code email.sent}, {@code sms.sent}) and direct responses
 * (opens and clicks) are kept as instants so the response delay can be measured when the profile is finished:
 * a response is matched to the latest send before it, if within 48 hours.
 * Open times say when someone reads; send times say when we wrote: reads go to the bins, sends only to delays.
 */
public final class ProfileAccumulator {
    static final Set<String> SENDS = Set.of(EventTypes.EMAIL_SENT, EventTypes.SMS_SENT);
    static final Set<String> RESPONSES =
            Set.of(EventTypes.EMAIL_OPENED, EventTypes.EMAIL_CLICKED, EventTypes.SMS_CLICKED, EventTypes.PUSH_OPENED);
    /**
     * Everything that shows when the person is around: the engagement events (opens, clicks, portal and app visits,
     * survey answers, replies to support) and purchases, each at the moment it happened.
     */
    public static final Set<String> ACTIVITY = activity();

    private static final ZoneRules ROME = LocalSlots.ROME.getRules();

    private final String customerId;
    private final long asOfSeconds;
    private final double halfLifeSeconds;
    private final double[] reads = new double[HourOfWeek.COUNT];
    private final double[] responseReads = new double[HourOfWeek.COUNT];
    private final double[] recentReads = new double[HourOfWeek.COUNT];
    private final long recentFromSeconds;
    private double readWeight;
    private int engagements;
    private long[] sends = new long[4];
    private int sendCount;
    private long[] responses = new long[4];
    private int responseCount;

    public ProfileAccumulator(String customerId, Instant asOf, Duration halfLife) {
        this.customerId = customerId;
        this.asOfSeconds = asOf.getEpochSecond();
        this.halfLifeSeconds = halfLife.getSeconds();
        this.recentFromSeconds = asOfSeconds - TemporalProfile.RECENT_DAYS * 86_400L;
    }

    private static Set<String> activity() {
        java.util.HashSet<String> types = new java.util.HashSet<>(EventTypes.ENGAGEMENT);
        types.add(EventTypes.ORDER_PLACED);
        return Set.copyOf(types);
    }

    /** Adds one event; types that say nothing about timing are ignored. Events after {@code asOf} are ignored. */
    public void add(String type, Instant time) {
        long t = time.getEpochSecond();
        if (t > asOfSeconds) return;
        if (SENDS.contains(type)) {
            if (sendCount == sends.length) sends = Arrays.copyOf(sends, sendCount * 2);
            sends[sendCount++] = t;
            return;
        }
        if (!ACTIVITY.contains(type)) return;
        double w = Math.pow(0.5, (asOfSeconds - t) / halfLifeSeconds);
        int h = hourOfWeek(time);
        reads[h] += w;
        readWeight += w;
        engagements++;
        if (t >= recentFromSeconds) recentReads[h] += w;
        if (RESPONSES.contains(type)) {
            responseReads[h] += w;
            if (responseCount == responses.length) responses = Arrays.copyOf(responses, responseCount * 2);
            responses[responseCount++] = t;
        }
    }

    public TemporalProfile finish() {
        double[] delays = new double[TemporalProfile.DELAY_HOURS];
        int matched = 0;
        long[] s = Arrays.copyOf(sends, sendCount);
        Arrays.sort(s);
        boolean[] opened = new boolean[sendCount];
        if (sendCount > 0 && responseCount > 0) {
            for (int i = 0; i < responseCount; i++) {
                long r = responses[i];
                int idx = Arrays.binarySearch(s, r);
                int before = idx >= 0 ? idx : -idx - 2;
                if (before < 0) continue;
                long hours = (r - s[before]) / 3600;
                if (hours < TemporalProfile.DELAY_HOURS) {
                    delays[(int) hours]++;
                    matched++;
                    opened[before] = true;
                }
            }
        }
        short[] sendHours = new short[sendCount];
        float[] sendWeights = new float[sendCount];
        for (int i = 0; i < sendCount; i++) {
            sendHours[i] = (short) hourOfWeek(Instant.ofEpochSecond(s[i]));
            sendWeights[i] = (float) Math.pow(0.5, (asOfSeconds - s[i]) / halfLifeSeconds);
        }
        return new TemporalProfile(
                customerId,
                reads.clone(),
                readWeight,
                engagements,
                delays,
                matched,
                sendHours,
                sendWeights,
                opened,
                responseReads.clone(),
                recentReads.clone());
    }

    static int hourOfWeek(Instant time) {
        ZoneOffset offset = ROME.getOffset(time);
        LocalDateTime local = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, offset);
        return HourOfWeek.of(local);
    }
}
