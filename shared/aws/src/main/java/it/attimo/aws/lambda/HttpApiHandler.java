package it.attimo.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import it.attimo.core.api.ApiRequest;
import it.attimo.core.api.ApiResponse;

/** A handler behind the HTTP API: API Gateway event → {@link ApiRequest} → one core use case → response. */
public abstract class HttpApiHandler extends AttimoHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    protected HttpApiHandler() {}

    protected HttpApiHandler(ApplicationContext context) {
        super(context);
    }

    /** The one core use case this handler stands for. */
    protected abstract ApiResponse handle(ApiRequest request);

    @Override
    public final APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return ApiGatewayMapping.toResponse(handle(ApiGatewayMapping.toRequest(event)));
    }
}
