package it.attimo.function.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import it.attimo.aws.lambda.LambdaContexts;
import it.attimo.aws.lambda.ApiGatewayMapping;
import it.attimo.core.ingest.IngestEvents;
import jakarta.inject.Inject;

/** {@code POST /events} and {@code POST /webhooks/hubspot}: API Gateway HTTP event → {@link IngestEvents} → response. */
public class IngestHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    @Inject
    IngestEvents ingest;

    /** Used by AWS Lambda: builds its own application context. */
    public IngestHandler() {}

    /** Used where a context already exists (the local stack, tests). */
    public IngestHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaContexts.builder();
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return ApiGatewayMapping.toResponse(ingest.handle(ApiGatewayMapping.toRequest(event)));
    }
}
