package it.attimo.aws.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;

/**
 * Base of every Attimo Lambda handler: on Lambda it builds its context with {@link LambdaContexts} (only what the
 * handler injects), elsewhere (the local stack, tests) it joins an existing context.
 */
public abstract class AttimoHandler<I, O> extends MicronautRequestHandler<I, O> {
    /** Used by AWS Lambda: builds its own application context. */
    protected AttimoHandler() {}

    /** Used where a context already exists (the local stack, tests). */
    protected AttimoHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaContexts.builder();
    }
}
