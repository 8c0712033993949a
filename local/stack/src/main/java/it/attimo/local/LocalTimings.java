package it.attimo.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Where the local stack spends its wall time, per named activity (the queue draining, the executor's steps, each
 * scheduled job...), for {@code attimo demo}'s diagnostics. Off unless {@code -Dattimo.timings=true}; when off,
 * {@link #time} only runs the work.
 */
public final class LocalTimings {
    private static final boolean ENABLED = Boolean.getBoolean("attimo.timings");
    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final ThreadLocal<String> CONTEXT = new ThreadLocal<>();

    private LocalTimings() {}

    public static boolean enabled() {
        return ENABLED;
    }

    public static <T> T time(String activity, Supplier<T> work) {
        if (!ENABLED) return work.get();
        long began = System.nanoTime();
        String outer = CONTEXT.get();
        boolean unit = outer == null && isUnitOfWork(activity);
        if (unit) CONTEXT.set(activity);
        try {
            return work.get();
        } finally {
            if (unit) CONTEXT.remove();
            record(activity, System.nanoTime() - began);
        }
    }

    /** A Task, a scheduled job or a queue batch: the DynamoDB calls made inside it are also counted under its name. */
    private static boolean isUnitOfWork(String activity) {
        return activity.startsWith("task ") || activity.startsWith("job ") || activity.equals("pump: score function");
    }

    public static void time(String activity, Runnable work) {
        time(activity, () -> {
            work.run();
            return null;
        });
    }

    public static void record(String activity, long nanos) {
        if (!ENABLED) return;
        String unit = CONTEXT.get();
        if (unit != null && activity.startsWith("dynamodb ")) add(unit + " > " + activity, nanos);
        add(activity, nanos);
    }

    private static void add(String activity, long nanos) {
        NANOS.computeIfAbsent(activity, k -> new LongAdder()).add(nanos);
        COUNTS.computeIfAbsent(activity, k -> new LongAdder()).increment();
    }

    /** Activity → "total ms in n calls", sorted by name. */
    public static Map<String, String> report() {
        Map<String, String> out = new TreeMap<>();
        NANOS.forEach((k, v) ->
                out.put(k, v.sum() / 1_000_000 + " ms in " + COUNTS.get(k).sum() + " call(s)"));
        return out;
    }
}
