package it.attimo.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.context.ApplicationContext;
import it.attimo.aws.lambda.HttpApiHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * One deployed function's handler class (as named by template.yaml's {@code Handler}), instantiated in process on the
 * stack's shared Micronaut context and called through its {@code execute(input)} method, as the Lambda runtime would.
 * Found by name so the stack runs exactly the classes the template deploys.
 */
public final class LambdaFunction {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final String logicalId;
    private final Object handler;
    private final Method execute;
    private final JavaType inputType;

    private LambdaFunction(String logicalId, Object handler, Method execute) {
        this.logicalId = logicalId;
        this.handler = handler;
        this.execute = execute;
        this.inputType = MAPPER.getTypeFactory().constructType(execute.getGenericParameterTypes()[0]);
    }

    public static LambdaFunction instantiate(String logicalId, String handlerClass, ApplicationContext context) {
        Class<?> type;
        try {
            type = Class.forName(handlerClass, true, LambdaFunction.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "function " + logicalId + ": handler class " + handlerClass
                            + " is not on the classpath (is its module built?)",
                    e);
        }
        Object handler;
        try {
            Constructor<?> constructor = type.getConstructor(ApplicationContext.class);
            handler = constructor.newInstance(context);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(
                    "function " + logicalId + ": " + handlerClass
                            + " has no public constructor taking the ApplicationContext",
                    e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "function " + logicalId + ": " + handlerClass + " failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("function " + logicalId + ": cannot instantiate " + handlerClass, e);
        }
        return new LambdaFunction(logicalId, handler, executeMethod(type));
    }

    /** The most specific public one-argument {@code execute} (generic bridges take Object and are skipped). */
    static Method executeMethod(Class<?> type) {
        Method best = null;
        for (Method m : type.getMethods()) {
            if (!m.getName().equals("execute")
                    || m.getParameterCount() != 1
                    || m.isBridge()
                    || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            if (best == null || best.getParameterTypes()[0].isAssignableFrom(m.getParameterTypes()[0])) {
                best = m;
            }
        }
        if (best == null) {
            throw new IllegalStateException(type.getName() + " has no public execute(input) method");
        }
        return best;
    }

    public String logicalId() {
        return logicalId;
    }

    /** Whether an HTTP API route key reaches a use case of this handler (one that is not an HttpApiHandler cannot tell). */
    public boolean serves(String routeKey) {
        return !(handler instanceof HttpApiHandler http) || http.routeKeys().contains(routeKey);
    }

    /** Invokes with an event object (converted through JSON when the handler takes another type). */
    public Object invoke(Object event) {
        Object input = event == null || execute.getParameterTypes()[0].isInstance(event)
                ? event
                : MAPPER.convertValue(event, inputType);
        try {
            return execute.invoke(handler, input);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Invokes with a JSON payload and answers the result as JSON (what Lambda's serializer would return). */
    public JsonNode invokeJson(JsonNode payload) {
        Object result = invoke(payload);
        if (result instanceof JsonNode node) {
            return node;
        }
        if (result instanceof String text) {
            try {
                return MAPPER.readTree(text);
            } catch (Exception notJson) {
                return MAPPER.getNodeFactory().textNode(text);
            }
        }
        return MAPPER.valueToTree(result);
    }
}
