package it.attimo.aws.testing;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Injects AWS faults into real SDK calls (against DynamoDB Local, ElasticMQ, or a dead endpoint): a fault is thrown
 * inside the attempt, so the client's retry strategy sees it exactly as it would see the service's answer (throttling
 * codes back off and retry, a lost response is retried, a client error is not). Faults can strike before the request
 * leaves ({@link When#BEFORE_SENDING}: the service never saw it) or after the service answered
 * ({@link When#AFTER_SERVICE_APPLIED}: the write happened, the caller does not know). Every attempt is recorded with
 * its time, so tests can show the retries and the backoff between them.
 */
public final class FaultInjector implements ExecutionInterceptor {
    public enum When {
        BEFORE_SENDING,
        AFTER_SERVICE_APPLIED
    }

    /** One attempt the SDK made: operation ({@code DynamoDb.PutItem}), when (nanoTime), and the fault injected, if any. */
    public record Attempt(String operation, long nanos, String fault) {}

    private record Rule(
            String operation, Predicate<SdkRequest> matches, When when, AtomicInteger remaining, Fault fault) {}

    @FunctionalInterface
    public interface Fault {
        RuntimeException create(String operation);
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    /** Fails the next {@code times} attempts of {@code operation} (any request) with {@code fault}. */
    public FaultInjector fail(String operation, int times, When when, Fault fault) {
        return fail(operation, r -> true, times, when, fault);
    }

    /** Fails the next {@code times} attempts of {@code operation} whose request matches ({@code Integer.MAX_VALUE}: always). */
    public FaultInjector fail(String operation, Predicate<SdkRequest> matches, int times, When when, Fault fault) {
        rules.add(new Rule(operation, matches, when, new AtomicInteger(times), fault));
        return this;
    }

    public void clear() {
        rules.clear();
    }

    public List<Attempt> attempts(String operation) {
        return attempts.stream().filter(a -> a.operation().equals(operation)).toList();
    }

    /** Milliseconds between consecutive attempts of {@code operation}: the backoff the retry strategy chose. */
    public List<Long> gapsMillis(String operation) {
        List<Attempt> list = attempts(operation);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < list.size(); i++)
            gaps.add((list.get(i).nanos() - list.get(i - 1).nanos()) / 1_000_000);
        return gaps;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = operation(attributes);
        RuntimeException fault = take(operation, context.request(), When.BEFORE_SENDING);
        attempts.add(new Attempt(operation, System.nanoTime(), fault == null ? null : name(fault)));
        if (fault != null) throw fault;
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        String operation = operation(attributes);
        RuntimeException fault = take(operation, context.request(), When.AFTER_SERVICE_APPLIED);
        if (fault != null) {
            attempts.set(
                    attempts.size() - 1,
                    new Attempt(operation, attempts.get(attempts.size() - 1).nanos(), name(fault)));
            throw fault;
        }
    }

    private RuntimeException take(String operation, SdkRequest request, When when) {
        for (Rule r : rules) {
            if (r.when() == when
                    && r.operation().equals(operation)
                    && r.matches().test(request)) {
                if (r.remaining().getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0) {
                    return r.fault().create(operation);
                }
            }
        }
        return null;
    }

    private static String operation(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    private static String name(RuntimeException e) {
        return e instanceof AwsServiceException s && s.awsErrorDetails() != null
                ? s.awsErrorDetails().errorCode()
                : e.getClass().getSimpleName();
    }

    /** A service error as the SDK's unmarshaller would build it: status and error code set. */
    public static Fault serviceError(
            Supplier<? extends AwsServiceException.Builder> builder, int status, String errorCode) {
        return operation -> builder.get()
                .message("injected " + errorCode + " on " + operation)
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(errorCode)
                        .errorMessage("injected")
                        .serviceName(operation.substring(0, operation.indexOf('.')))
                        .sdkHttpResponse(
                                SdkHttpResponse.builder().statusCode(status).build())
                        .build())
                .build();
    }

    /** A read timeout: the connection gave no answer in time (retried by the SDK as an I/O failure). */
    public static Fault timeout() {
        return operation -> SdkClientException.create(
                "injected read timeout on " + operation, new SocketTimeoutException("Read timed out"));
    }
}
