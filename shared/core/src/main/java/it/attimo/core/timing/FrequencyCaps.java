package it.attimo.core.timing;

import it.attimo.core.channel.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-customer frequency caps, counted on Europe/Rome local days: at most {@code perDay} sends per channel on one
 * local day, at most {@code perWeek} per channel in any 7 consecutive local days (rolling, so already-planned future
 * sends count too), and at least {@code minGap} between any two sends on any channel. Transactional messages are
 * exempt by default. Defaults: email 1/day 3/week, SMS 1/day 2/week, push 2/day 5/week, gap 4 hours.
 */
public final class FrequencyCaps {
    private final Map<Channel, Integer> perDay;
    private final Map<Channel, Integer> perWeek;
    private final Duration minGap;
    private final boolean transactionalExempt;

    public FrequencyCaps(
            Map<Channel, Integer> perDay, Map<Channel, Integer> perWeek, Duration minGap, boolean transactionalExempt) {
        this.perDay = Map.copyOf(perDay);
        this.perWeek = Map.copyOf(perWeek);
        this.minGap = minGap == null ? Duration.ZERO : minGap;
        this.transactionalExempt = transactionalExempt;
    }

    public static FrequencyCaps defaults() {
        Map<Channel, Integer> day = new EnumMap<>(Channel.class);
        Map<Channel, Integer> week = new EnumMap<>(Channel.class);
        day.put(Channel.EMAIL, 1);
        week.put(Channel.EMAIL, 3);
        day.put(Channel.SMS, 1);
        week.put(Channel.SMS, 2);
        day.put(Channel.PUSH, 2);
        week.put(Channel.PUSH, 5);
        return new FrequencyCaps(day, week, Duration.ofHours(4), true);
    }

    /** No caps at all. */
    public static FrequencyCaps none() {
        return new FrequencyCaps(Map.of(), Map.of(), Duration.ZERO, true);
    }

    public Duration minGap() {
        return minGap;
    }

    public boolean applies(MessageKind kind) {
        return !(transactionalExempt && kind == MessageKind.TRANSACTIONAL);
    }

    /** Why a send on {@code channel} at {@code slot} would break a cap given {@code sends}; empty when it would not. */
    public Optional<String> violation(ZonedDateTime slot, Channel channel, List<PastSend> sends) {
        if (sends.isEmpty()) return Optional.empty();
        Instant at = slot.toInstant();
        if (!minGap.isZero()) {
            for (PastSend s : sends) {
                if (Duration.between(s.at(), at).abs().compareTo(minGap) < 0) {
                    return Optional.of("frequency-gap: another send ("
                            + s.channel().id() + ") at " + s.at() + " is less than " + minGap.toHours() + "h away");
                }
            }
        }
        LocalDate day = slot.toLocalDate();
        Integer dayCap = perDay.get(channel);
        if (dayCap != null) {
            long sameDay = sends.stream()
                    .filter(s -> s.channel() == channel && localDate(s).equals(day))
                    .count();
            if (sameDay >= dayCap) {
                return Optional.of("frequency-cap: " + channel.id() + " " + dayCap + "/day reached on " + day);
            }
        }
        Integer weekCap = perWeek.get(channel);
        if (weekCap != null) {
            for (int startBack = 6; startBack >= 0; startBack--) {
                LocalDate from = day.minusDays(startBack);
                LocalDate to = from.plusDays(6);
                long inWindow = sends.stream()
                        .filter(s -> s.channel() == channel)
                        .map(FrequencyCaps::localDate)
                        .filter(d -> !d.isBefore(from) && !d.isAfter(to))
                        .count();
                if (inWindow >= weekCap) {
                    return Optional.of("frequency-cap: " + channel.id() + " " + weekCap + "/7 days reached in " + from
                            + ".." + to);
                }
            }
        }
        return Optional.empty();
    }

    private static LocalDate localDate(PastSend s) {
        return s.at().atZone(LocalSlots.ROME).toLocalDate();
    }
}
