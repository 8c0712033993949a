package it.attimo.function.ingest;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.lambda.HttpApiHandler;
import it.attimo.core.api.ApiRequest;
import it.attimo.core.api.ApiResponse;
import it.attimo.core.ingest.IngestEvents;
import jakarta.inject.Inject;

/** {@code POST /events} and {@code POST /webhooks/hubspot}: API Gateway HTTP event → {@link IngestEvents} → response. */
public class IngestHandler extends HttpApiHandler {
    @Inject
    IngestEvents ingest;

    /** Used by AWS Lambda: builds its own application context. */
    public IngestHandler() {}

    /** Used where a context already exists (the local stack, tests). */
    public IngestHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ingest.handle(request);
    }
}
