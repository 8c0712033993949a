package it.attimo.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.aws.http.HttpApiResponse;
import it.attimo.aws.http.HttpErrorMapper;
import it.attimo.core.error.NotFound;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A handler behind the HTTP API: API Gateway event → the use case of the event's route key → response, failures
 * through {@link HttpErrorMapper}. The routes themselves are declared in template.yaml; a handler lists the route
 * keys it serves there (the local stack refuses to start when the two disagree).
 */
public abstract class HttpApiHandler extends AttimoHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    protected HttpApiHandler() {}

    protected HttpApiHandler(ApplicationContext context) {
        super(context);
    }

    /** Route key ({@code "GET /profiles/{customerId}"}, as template.yaml declares it) → what answers it. */
    protected abstract Map<String, Function<HttpApiRequest, HttpApiResponse>> routes();

    public final Set<String> routeKeys() {
        return routes().keySet();
    }

    @Override
    public final APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        HttpApiRequest request = ApiGatewayMapping.toRequest(event);
        return ApiGatewayMapping.toResponse(HttpErrorMapper.respond(() -> dispatch(request)));
    }

    private HttpApiResponse dispatch(HttpApiRequest request) {
        Map<String, Function<HttpApiRequest, HttpApiResponse>> routes = routes();
        Function<HttpApiRequest, HttpApiResponse> useCase =
                request.routeKey() == null ? null : routes.get(request.routeKey());
        if (useCase != null) return useCase.apply(request);
        Set<String> allowed = new TreeSet<>();
        String routePath = pathOf(request.routeKey());
        for (String served : routes.keySet()) {
            if (routePath != null && routePath.equals(pathOf(served))) allowed.add(methodOf(served));
        }
        if (!allowed.isEmpty()) return HttpErrorMapper.methodNotAllowed(request.method(), allowed);
        throw new NotFound("no route for " + request.method() + " " + request.path());
    }

    private static String methodOf(String routeKey) {
        return routeKey.substring(0, routeKey.indexOf(' '));
    }

    private static String pathOf(String routeKey) {
        if (routeKey == null || routeKey.indexOf(' ') < 0) return null;
        return routeKey.substring(routeKey.indexOf(' ') + 1);
    }
}
