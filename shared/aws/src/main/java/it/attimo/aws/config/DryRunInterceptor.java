package it.attimo.aws.config;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Lets a thread walk an SDK call through its client without sending it: inside {@link #dryRun}, every call is built
 * and marshalled (loading and warming the classes a real call needs), then stopped before it is signed or sent, so
 * no credentials are used and no connection is opened. Outside a dry run it does nothing. Every client from
 * {@link AwsClients} carries it; SnapStart priming is its user.
 */
public final class DryRunInterceptor implements ExecutionInterceptor {
    public static final DryRunInterceptor INSTANCE = new DryRunInterceptor();

    private static final ThreadLocal<DryRun> CURRENT = new ThreadLocal<>();

    /** What a dry run walked through: the operations marshalled, and the HTTP attempts that slipped through (0). */
    public static final class DryRun {
        private final List<String> marshalled = new ArrayList<>();
        private int transmitted;

        public List<String> marshalled() {
            return List.copyOf(marshalled);
        }

        public int transmitted() {
            return transmitted;
        }
    }

    /** Thrown after marshalling to end a dry-run call. */
    static final class Stopped extends RuntimeException {
        Stopped(String operation) {
            super("dry run: " + operation + " marshalled, not sent", null, false, false);
        }
    }

    private DryRunInterceptor() {}

    /**
     * Runs each call as a dry run; a call that fails for another reason than the stop is reported in {@code problems}
     * (priming must never fail the function's start).
     */
    public static DryRun dryRun(List<Runnable> calls, List<String> problems) {
        DryRun run = new DryRun();
        CURRENT.set(run);
        try {
            for (Runnable call : calls) {
                try {
                    call.run();
                    problems.add("a dry-run call was not stopped (client built without DryRunInterceptor?)");
                } catch (RuntimeException e) {
                    if (!stopped(e)) problems.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        } finally {
            CURRENT.remove();
        }
        return run;
    }

    private static boolean stopped(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Stopped) return true;
        }
        return false;
    }

    @Override
    public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes attributes) {
        DryRun run = CURRENT.get();
        if (run == null) return;
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        run.marshalled.add(operation);
        throw new Stopped(operation);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        DryRun run = CURRENT.get();
        if (run != null) run.transmitted++;
    }
}
