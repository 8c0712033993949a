package it.attimo.function.ingest;

import io.micronaut.context.ApplicationContext;
import it.attimo.aws.http.HttpApiRequest;
import it.attimo.aws.http.HttpApiResponse;
import it.attimo.aws.http.IngestHttp;
import it.attimo.aws.http.PrivacyHttp;
import it.attimo.aws.lambda.HttpApiHandler;
import it.attimo.core.ingest.IngestEvents;
import it.attimo.core.ingest.MailchimpIngest;
import it.attimo.core.ingest.SalesforceIngest;
import it.attimo.core.ingest.SnsIngest;
import it.attimo.core.privacy.ErasureRequests;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code POST /events}, {@code POST /webhooks/hubspot}, {@code POST /webhooks/ses}, {@code POST /webhooks/sns-sms},
 * {@code POST|GET /webhooks/mailchimp/{secret}}, {@code POST /webhooks/salesforce} and {@code DELETE
 * /profiles/{customerId}} (an erasure is an event on the queue): API Gateway HTTP event → {@link IngestEvents} → response. */
public class IngestHandler extends HttpApiHandler {
    @Inject
    IngestEvents ingest;

    @Inject
    SnsIngest sns;

    @Inject
    ErasureRequests erasures;

    @Inject
    MailchimpIngest mailchimp;

    @Inject
    SalesforceIngest salesforce;

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
                "POST /webhooks/ses", request -> IngestHttp.ses(sns, request),
                "POST /webhooks/sns-sms", request -> IngestHttp.smsInbound(sns, request),
                "POST /webhooks/mailchimp/{secret}", request -> IngestHttp.mailchimp(mailchimp, request),
                "GET /webhooks/mailchimp/{secret}", request -> IngestHttp.mailchimpValidation(mailchimp, request),
                "POST /webhooks/salesforce", request -> IngestHttp.salesforce(salesforce, request),
                "DELETE /profiles/{customerId}", request -> PrivacyHttp.erase(erasures, request));
    }
}
