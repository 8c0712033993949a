package it.attimo.aws.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS SDK calls and HTTP round trips (attempts, retries included) per {@code Service.Operation}. Off unless
 * enabled: {@link #enableGlobal()} (or {@code -Dattimo.aws.countCalls=true}) before clients are built makes every
 * client from {@link AwsClients} report to {@link #global()}. For load generators and fault tests, not for Lambda.
 */
public final class SdkCallCounter implements ExecutionInterceptor {
    private static final SdkCallCounter GLOBAL = new SdkCallCounter();
    private static volatile boolean globalEnabled = Boolean.getBoolean("attimo.aws.countCalls");

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();

    public static SdkCallCounter global() {
        return GLOBAL;
    }

    public static void enableGlobal() {
        globalEnabled = true;
    }

    public static boolean globalEnabled() {
        return globalEnabled;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.computeIfAbsent(key(attributes), k -> new LongAdder()).increment();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.computeIfAbsent(key(attributes), k -> new LongAdder()).increment();
    }

    /** Counts one call (and one attempt) made without the SDK's pipeline, such as an in-process DynamoDB Local. */
    public void record(String service, String operation) {
        String key = service + "." + operation;
        calls.computeIfAbsent(key, k -> new LongAdder()).increment();
        attempts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static String key(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    /** Calls per operation, sorted by name. */
    public Map<String, Long> calls() {
        return snapshot(calls);
    }

    /** HTTP attempts per operation (a retried call counts each attempt), sorted by name. */
    public Map<String, Long> attempts() {
        return snapshot(attempts);
    }

    public long totalCalls(String servicePrefix) {
        return calls().entrySet().stream()
                .filter(e -> e.getKey().startsWith(servicePrefix))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    public void reset() {
        calls.clear();
        attempts.clear();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
