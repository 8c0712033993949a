package it.attimo.aws.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;

/**
 * The application context a handler builds for itself on Lambda. Micronaut's own Lambda builder creates every
 * singleton eagerly, which would build adapters for SDKs a function does not ship and beans it never uses (and fail
 * on them); here only what the handler injects is created, still during init, so before a SnapStart snapshot.
 */
public final class LambdaContexts {
    private LambdaContexts() {}

    public static ApplicationContextBuilder builder() {
        return ApplicationContext.builder().environments("function", "lambda").eagerInitConfiguration(true);
    }
}
