package it.attimo.aws.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;

/**
 * Base of every Attimo Lambda handler: on Lambda it builds its context with {@link LambdaContexts} (only what the
 * handler injects), elsewhere (the local stack, tests) it joins an existing context.
 *
 * <p>On Lambda it also registers itself for SnapStart's runtime hooks: before the snapshot it primes the function
 * ({@link SnapStartPriming}: SDK calls as dry runs, Jackson, {@link #warmUp()}); nothing is needed after a restore,
 * since priming opens no connection and the clients resolve credentials per call.
 */
public abstract class AttimoHandler<I, O> extends MicronautRequestHandler<I, O> implements Resource {
    private volatile SnapStartPriming.Report priming;

    /** Used by AWS Lambda: builds its own application context. */
    protected AttimoHandler() {
        // the runtime keeps the handler, so the registration (a weak reference in some CRaC implementations) lives on
        Core.getGlobalContext().register(this);
    }

    /** Used where a context already exists (the local stack, tests). */
    protected AttimoHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaContexts.builder();
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        priming = SnapStartPriming.prime(getApplicationContext(), this::warmUp);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to reopen: priming kept no connection, and credentials are resolved per call after the restore
    }

    /** The handler's own warm-up before a snapshot: pure work on its use case, no network. */
    protected void warmUp() {}

    /** The report of the last priming, if {@link #beforeCheckpoint} ran. */
    public Optional<SnapStartPriming.Report> priming() {
        return Optional.ofNullable(priming);
    }
}
