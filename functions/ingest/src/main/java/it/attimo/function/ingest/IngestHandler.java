package it.attimo.function.ingest;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.aws.http.HttpApiResponse;
import it.attimo.aws.http.IngestHttp;
import it.attimo.aws.lambda.HttpApiHandler;
import it.attimo.core.ingest.IngestEvents;
import it.attimo.core.touchpoint.QrScans;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Function;

/** {@code POST /events} and {@code POST /webhooks/hubspot}: API Gateway HTTP event → {@link IngestEvents} → response. */
public class IngestHandler extends HttpApiHandler {
    @Inject
    IngestEvents ingest;

    /** Created on the first scan only: the event routes do not need the business clock. */
    @Inject
    BeanProvider<QrScans> qr;

    /** Used by AWS Lambda: builds its own application context. */
    public IngestHandler() {}

    /** Used where a context already exists (the local stack, tests). */
    public IngestHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Map<String, Function<HttpApiRequest, HttpApiResponse>> routes() {
        return Map.of(
                "POST /events", request -> IngestHttp.cloudEvents(ingest, request),
                "POST /webhooks/hubspot", request -> IngestHttp.hubSpot(ingest, request),
                "GET /q/{code}", this::scan);
    }

    /** A QR code's scan: logged as qr.scanned for its touchpoint, then a 302 to its allow-listed target. */
    private HttpApiResponse scan(HttpApiRequest request) {
        String customer = null;
        String raw = request.rawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.startsWith("c=")) customer = pair.substring(2);
            }
        }
        String target = qr.get().scan(request.pathParameter("code"), customer);
        return new HttpApiResponse(302, "", Map.of("Location", target, "Cache-Control", "no-store"));
    }
}
