package it.attimo.function.insights;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import it.attimo.aws.lambda.LambdaContexts;
import it.attimo.aws.lambda.ApiGatewayMapping;
import it.attimo.core.profile.ProfileQueries;
import jakarta.inject.Inject;

/** {@code GET /profiles/{customerId}}: API Gateway HTTP event → {@link ProfileQueries} → response. */
public class InsightsHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    @Inject
    ProfileQueries queries;

    public InsightsHandler() {}

    public InsightsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaContexts.builder();
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return ApiGatewayMapping.toResponse(queries.handle(ApiGatewayMapping.toRequest(event)));
    }
}
