package it.attimo.core.timing.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The timing-relevant events (engagements and sends) of every customer up to an instant, kept compactly (an epoch
 * second and a one-byte type per event) so that profiles can be rebuilt as of any earlier instant with any half-life:
 * what {@link HalfLifeSelection} needs from a history that is read only once. Other event types and events after
 * {@code until} are not kept. Profiles come out in the order customers were first registered.
 */
public final class TimingHistories implements HalfLifeSelection.ProfileSource {
    private static final String[] TYPES;
    private static final Map<String, Byte> CODES = new HashMap<>();

    static {
        TreeSet<String> types = new TreeSet<>(ProfileAccumulator.ACTIVITY);
        types.addAll(ProfileAccumulator.SENDS);
        TYPES = types.toArray(String[]::new);
        for (int i = 0; i < TYPES.length; i++) CODES.put(TYPES[i], (byte) i);
    }

    private static final class Log {
        final String customerId;
        long[] seconds = new long[8];
        byte[] types = new byte[8];
        int size;

        Log(String customerId) {
            this.customerId = customerId;
        }

        void add(long second, byte type) {
            if (size == seconds.length) {
                seconds = Arrays.copyOf(seconds, size * 2);
                types = Arrays.copyOf(types, size * 2);
            }
            seconds[size] = second;
            types[size++] = type;
        }
    }

    private final long untilSecond;
    private final List<Log> logs;
    private final Map<String, Log> byId;

    public TimingHistories(Instant until) {
        this(until.getEpochSecond(), new ArrayList<>(), new HashMap<>());
    }

    private TimingHistories(long untilSecond, List<Log> logs, Map<String, Log> byId) {
        this.untilSecond = untilSecond;
        this.logs = logs;
        this.byId = byId;
    }

    /** Registers a customer (a customer without events still gets an empty profile); idempotent. */
    public void register(String customerId) {
        byId.computeIfAbsent(customerId, id -> {
            Log log = new Log(id);
            logs.add(log);
            return log;
        });
    }

    /** Adds an event of a customer, registering them if needed. */
    public void add(String customerId, String type, Instant time) {
        register(customerId);
        addIfRegistered(customerId, type, time);
    }

    /** Adds an event of a registered customer; events of anyone else are ignored. */
    public void addIfRegistered(String customerId, String type, Instant time) {
        Byte code = CODES.get(type);
        if (code == null || time.getEpochSecond() > untilSecond) return;
        Log log = byId.get(customerId);
        if (log != null) log.add(time.getEpochSecond(), code);
    }

    public int customers() {
        return logs.size();
    }

    /** The earliest kept event, if any. */
    public Instant earliest() {
        long min = Long.MAX_VALUE;
        for (Log log : logs) for (int i = 0; i < log.size; i++) min = Math.min(min, log.seconds[i]);
        return min == Long.MAX_VALUE ? null : Instant.ofEpochSecond(min);
    }

    /** Customers with an engagement before {@code cut} and another in [{@code cut}, {@code end}]. */
    public int engagedBeforeAndAfter(Instant cut, Instant end) {
        long c = cut.getEpochSecond(), e = end.getEpochSecond();
        int count = 0;
        for (Log log : logs) {
            boolean before = false, after = false;
            for (int i = 0; i < log.size && !(before && after); i++) {
                if (!ProfileAccumulator.ACTIVITY.contains(TYPES[log.types[i]])) continue;
                long t = log.seconds[i];
                if (t < c) before = true;
                else if (t <= e) after = true;
            }
            if (before && after) count++;
        }
        return count;
    }

    @Override
    public List<TemporalProfile> profiles(Instant asOf, Duration halfLife) {
        List<TemporalProfile> out = new ArrayList<>(logs.size());
        for (Log log : logs) {
            ProfileAccumulator accumulator = new ProfileAccumulator(log.customerId, asOf, halfLife);
            for (int i = 0; i < log.size; i++)
                accumulator.add(TYPES[log.types[i]], Instant.ofEpochSecond(log.seconds[i]));
            out.add(accumulator.finish());
        }
        return out;
    }

    /**
     * At most {@code max} customers, the same ones for the same ids whatever the order they came in: those whose id
     * hashes lowest (String.hashCode is specified, so the choice is stable across runs and machines).
     */
    public TimingHistories sample(int max) {
        if (logs.size() <= max) return this;
        long[] keys = new long[logs.size()];
        for (int i = 0; i < keys.length; i++)
            keys[i] = mix(logs.get(i).customerId.hashCode());
        int[] chosen = IntStream.range(0, logs.size())
                .boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> keys[i]).thenComparing(i -> logs.get(i).customerId))
                .limit(max)
                .mapToInt(Integer::intValue)
                .sorted()
                .toArray();
        List<Log> subset = new ArrayList<>(max);
        Map<String, Log> subsetById = new HashMap<>(max * 2);
        for (int i : chosen) {
            subset.add(logs.get(i));
            subsetById.put(logs.get(i).customerId, logs.get(i));
        }
        return new TimingHistories(untilSecond, subset, subsetById);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
