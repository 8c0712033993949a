package it.attimo.aws.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import it.attimo.aws.channel.SmsOnlyGateway;
import it.attimo.aws.dynamo.DynamoContactStore;
import it.attimo.aws.dynamo.DynamoMessageLedger;
import it.attimo.aws.sns.JdkWebFetcher;
import it.attimo.aws.sns.PinnedCertificateFetcher;
import it.attimo.aws.sns.SnsPushEndpoints;
import it.attimo.core.ingest.IngestEvents;
import it.attimo.core.ingest.SesMapping;
import it.attimo.core.ingest.SmsKeywords;
import it.attimo.core.ingest.SnsIngest;
import it.attimo.core.ingest.SnsSignatureVerifier;
import it.attimo.core.port.PushEndpoints;
import it.attimo.core.port.WebFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What SNS posts to Attimo: the signature verifier, its certificate fetcher ({@code attimo.sns.certificate-file} pins
 * one trusted certificate instead of fetching, for the local stack and tests), the SES mapping
 * ({@code attimo.ses.mapping}, a file, else the bundled one) and the accepted topics ({@code attimo.sns.topics}, comma
 * separated ARNs; empty accepts any topic).
 */
@Factory
public class SnsIngestFactory {
    @Singleton
    WebFetcher webFetcher(@Value("${attimo.sns.certificate-file:}") String pinned) {
        return pinned.isBlank() ? new JdkWebFetcher() : new PinnedCertificateFetcher(Path.of(pinned));
    }

    @Singleton
    SesMapping sesMapping(@Value("${attimo.ses.mapping:}") String file) {
        return file.isBlank() ? SesMapping.loadDefault() : SesMapping.load(Path.of(file));
    }

    @Singleton
    SnsIngest snsIngest(
            IngestEvents ingest,
            WebFetcher fetcher,
            SesMapping ses,
            DynamoMessageLedger ledger,
            DynamoContactStore contacts,
            PushEndpoints pushEndpoints,
            @Value("${attimo.sns.topics:}") String topics,
            @Named(AttimoFactory.WALL_CLOCK) Clock wallClock) {
        return new SnsIngest(
                ingest,
                new SnsSignatureVerifier(fetcher, wallClock),
                fetcher,
                ses,
                ledger,
                contacts,
                SmsKeywords.loadDefault(),
                pushEndpoints,
                topics(topics));
    }

    /**
     * Whose a push endpoint is, for {@code POST /webhooks/sns-push}: SNS GetEndpointAttributes on AWS (where the SNS SDK
     * ships), none locally (push goes to the outbox there, no endpoint exists).
     */
    @Singleton
    PushEndpoints pushEndpoints(
            @Value("${attimo.channel.mode:aws}") String mode,
            @Value("${attimo.aws.region:}") String region,
            @Value("${attimo.aws.sns.endpoint:}") String endpoint,
            @Value("${attimo.aws.endpoint:}") String shared) {
        if (!"aws".equalsIgnoreCase(mode.trim()) || !SmsOnlyGateway.available("")) return PushEndpoints.NONE;
        return SnsPushEndpoints.create(AttimoFactory.region(region), AwsClients.endpoint(endpoint, shared));
    }

    static Set<String> topics(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
