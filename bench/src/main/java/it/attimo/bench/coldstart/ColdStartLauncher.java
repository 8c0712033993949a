package it.attimo.bench.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM whose classpath is one shaded function.jar (plus this class): builds the handler as the Lambda
 * runtime does (its no-argument constructor: the init phase), optionally primes it as before a SnapStart snapshot,
 * hands it one fixture event and prints one {@code COLDSTART} line with the times since the JVM started and the CPU
 * time the process had used by then (all threads: the JIT and GC threads too), which a loaded machine stretches far
 * less than the wall times. Only the JDK, Jackson and the Lambda interfaces are used, all of which the function jar
 * carries.
 *
 * <pre>java -cp function.jar:launcher.jar it.attimo.bench.coldstart.ColdStartLauncher HANDLER EVENT.json [prime]</pre>
 */
public final class ColdStartLauncher {
    private ColdStartLauncher() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Class<?> handlerClass = Class.forName(args[0]);
        boolean prime = args.length > 2 && "prime".equals(args[2]);
        Object handler = handlerClass.getConstructor().newInstance();
        long initDone = System.currentTimeMillis();
        long initCpu = cpuMillis();
        long primedAt = initDone;
        if (prime) {
            handlerClass.getMethod("beforeCheckpoint", org.crac.Context.class).invoke(handler, (Object) null);
            handlerClass.getMethod("afterRestore", org.crac.Context.class).invoke(handler, (Object) null);
            primedAt = System.currentTimeMillis();
        }
        ObjectMapper mapper = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        Object input = mapper.readValue(Files.readAllBytes(Path.of(args[1])), inputType(handlerClass));
        long t = System.currentTimeMillis();
        Object output = ((RequestHandler<Object, Object>) handler).handleRequest(input, null);
        long done = System.currentTimeMillis();
        long doneCpu = cpuMillis();
        System.out.println("COLDSTART init=" + (initDone - jvmStart) + " primed=" + (primedAt - jvmStart)
                + " firstEventMs=" + (done - t) + " firstResponse=" + (done - jvmStart) + " cpuInit=" + initCpu
                + " cpuResponse=" + doneCpu + " output="
                + summary(mapper.writeValueAsString(output)));
        System.out.flush();
        System.exit(0); // SDK and Micronaut threads are not daemons
    }

    /** CPU time of the whole process so far (every thread), in ms. */
    static long cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
    }

    /** The handler's input type: the first type argument of its generic handler superclass. */
    static Class<?> inputType(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
            Type t = c.getGenericSuperclass();
            if (t instanceof ParameterizedType p && p.getActualTypeArguments().length == 2) {
                Type in = p.getActualTypeArguments()[0];
                if (in instanceof Class<?> k) return k;
                if (in instanceof ParameterizedType pk) return (Class<?>) pk.getRawType();
            }
        }
        throw new IllegalArgumentException(handlerClass + " has no generic handler superclass");
    }

    private static String summary(String json) {
        String oneLine = json.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
