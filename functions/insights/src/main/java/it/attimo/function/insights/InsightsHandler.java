package it.attimo.function.insights;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.lambda.HttpApiHandler;
import it.attimo.core.api.ApiRequest;
import it.attimo.core.api.ApiResponse;
import it.attimo.core.profile.ProfileQueries;
import jakarta.inject.Inject;

/** {@code GET /profiles/{customerId}}: API Gateway HTTP event → {@link ProfileQueries} → response. */
public class InsightsHandler extends HttpApiHandler {
    @Inject
    ProfileQueries queries;

    public InsightsHandler() {}

    public InsightsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return queries.handle(request);
    }
}
