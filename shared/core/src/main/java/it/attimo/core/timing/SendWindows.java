package it.attimo.core.timing;

import it.attimo.core.channel.Channel;
import java.time.Duration;
import java.time.MonthDay;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the planner, all in Europe/Rome local time. Immutable; {@code with...} methods return copies.
 * Defaults (see docs/timing.md): email allowed 09:30–14:00 best 10–12; SMS allowed 14:30–17:30 best 15–16;
 * push allowed 14:00–19:00 best 16–18; quiet hours 21:00–08:00; Sud/Isole midday pause 13:00–16:00; email
 * attention drop 14:00–16:00; thresholds transactional 0, service 60, marketing 80; 15-minute local steps;
 * December shift of 3 days between 1 and 24 December for journeys that declare the {@value #DECEMBER_SHIFT_RULE} rule.
 */
public final class SendWindows {
    /** The timing rule a journey declares (journeys.json) to get the December shift. */
    public static final String DECEMBER_SHIFT_RULE = "december-shift";

    private final Map<Channel, ChannelWindow> channels;
    private final TimeWindow quietHours;
    private final TimeWindow southMiddayPause;
    private final TimeWindow emailAttentionDrop;
    private final Map<MessageKind, Integer> thresholds;
    private final int stepMinutes;
    private final Duration searchHorizon;
    private final Duration marketingLookahead;
    private final int decemberShiftDays;
    private final MonthDay decemberShiftFrom;
    private final MonthDay decemberShiftTo;

    private SendWindows(
            Map<Channel, ChannelWindow> channels,
            TimeWindow quietHours,
            TimeWindow southMiddayPause,
            TimeWindow emailAttentionDrop,
            Map<MessageKind, Integer> thresholds,
            int stepMinutes,
            Duration searchHorizon,
            Duration marketingLookahead,
            int decemberShiftDays,
            MonthDay decemberShiftFrom,
            MonthDay decemberShiftTo) {
        for (Channel c : Channel.values()) {
            if (!channels.containsKey(c)) throw new IllegalArgumentException("no window for channel " + c.id());
        }
        if (stepMinutes <= 0 || 60 % stepMinutes != 0) throw new IllegalArgumentException("stepMinutes must divide 60");
        this.channels = Map.copyOf(channels);
        this.quietHours = Objects.requireNonNull(quietHours);
        this.southMiddayPause = Objects.requireNonNull(southMiddayPause);
        this.emailAttentionDrop = Objects.requireNonNull(emailAttentionDrop);
        this.thresholds = Map.copyOf(thresholds);
        this.stepMinutes = stepMinutes;
        this.searchHorizon = searchHorizon;
        this.marketingLookahead = marketingLookahead;
        this.decemberShiftDays = decemberShiftDays;
        this.decemberShiftFrom = decemberShiftFrom;
        this.decemberShiftTo = decemberShiftTo;
    }

    public static SendWindows defaults() {
        Map<Channel, ChannelWindow> ch = new EnumMap<>(Channel.class);
        ch.put(Channel.EMAIL, new ChannelWindow(TimeWindow.of("09:30", "14:00"), TimeWindow.of("10:00", "12:00")));
        ch.put(Channel.SMS, new ChannelWindow(TimeWindow.of("14:30", "17:30"), TimeWindow.of("15:00", "16:00")));
        ch.put(Channel.PUSH, new ChannelWindow(TimeWindow.of("14:00", "19:00"), TimeWindow.of("16:00", "18:00")));
        Map<MessageKind, Integer> th = new EnumMap<>(MessageKind.class);
        th.put(MessageKind.TRANSACTIONAL, 0);
        th.put(MessageKind.SERVICE, 60);
        th.put(MessageKind.MARKETING, 80);
        return new SendWindows(
                ch,
                TimeWindow.of("21:00", "08:00"),
                TimeWindow.of("13:00", "16:00"),
                TimeWindow.of("14:00", "16:00"),
                th,
                15,
                Duration.ofDays(21),
                Duration.ofDays(7),
                3,
                MonthDay.of(12, 1),
                MonthDay.of(12, 24));
    }

    public ChannelWindow window(Channel channel) {
        return channels.get(channel);
    }

    public TimeWindow quietHours() {
        return quietHours;
    }

    public TimeWindow southMiddayPause() {
        return southMiddayPause;
    }

    public TimeWindow emailAttentionDrop() {
        return emailAttentionDrop;
    }

    public int threshold(MessageKind kind) {
        return thresholds.get(kind);
    }

    public int stepMinutes() {
        return stepMinutes;
    }
    /** How far past the earliest instant the planner looks at all (also after a missed deadline). */
    public Duration searchHorizon() {
        return searchHorizon;
    }
    /** How far marketing looks for its best slot when there is no deadline. */
    public Duration marketingLookahead() {
        return marketingLookahead;
    }

    public int decemberShiftDays() {
        return decemberShiftDays;
    }

    public MonthDay decemberShiftFrom() {
        return decemberShiftFrom;
    }

    public MonthDay decemberShiftTo() {
        return decemberShiftTo;
    }

    public SendWindows withChannel(Channel channel, ChannelWindow window) {
        Map<Channel, ChannelWindow> ch = new EnumMap<>(channels);
        ch.put(channel, window);
        return new SendWindows(
                ch,
                quietHours,
                southMiddayPause,
                emailAttentionDrop,
                thresholds,
                stepMinutes,
                searchHorizon,
                marketingLookahead,
                decemberShiftDays,
                decemberShiftFrom,
                decemberShiftTo);
    }

    public SendWindows withQuietHours(TimeWindow quiet) {
        return new SendWindows(
                channels,
                quiet,
                southMiddayPause,
                emailAttentionDrop,
                thresholds,
                stepMinutes,
                searchHorizon,
                marketingLookahead,
                decemberShiftDays,
                decemberShiftFrom,
                decemberShiftTo);
    }

    public SendWindows withThreshold(MessageKind kind, int threshold) {
        Map<MessageKind, Integer> th = new EnumMap<>(thresholds);
        th.put(kind, threshold);
        return new SendWindows(
                channels,
                quietHours,
                southMiddayPause,
                emailAttentionDrop,
                th,
                stepMinutes,
                searchHorizon,
                marketingLookahead,
                decemberShiftDays,
                decemberShiftFrom,
                decemberShiftTo);
    }

    public SendWindows withStepMinutes(int minutes) {
        return new SendWindows(
                channels,
                quietHours,
                southMiddayPause,
                emailAttentionDrop,
                thresholds,
                minutes,
                searchHorizon,
                marketingLookahead,
                decemberShiftDays,
                decemberShiftFrom,
                decemberShiftTo);
    }
}
