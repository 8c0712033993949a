package it.attimo.aws.s3;

import it.attimo.aws.config.AwsClients;
import it.attimo.core.port.TrayDocumentStore;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Completed trays' PDFs in S3: one object per tray, {@code trays/<trayId>/document.pdf}, {@code application/pdf},
 * encrypted at rest (SSE-S3 asked for on every put, whatever the bucket's default), written once: the put is
 * conditional ({@code If-None-Match: *}), so a retried completion keeps the PDF the first one stored (the document is
 * final; its hash is on the tray). {@link #link} presigns a GET of it for the party's browser, valid for minutes. The
 * bucket (template.yaml {@code TrayDocumentsBucket}) blocks public access and expires objects after the retention.
 */
public final class S3TrayDocumentStore implements TrayDocumentStore {
    static final String CONTENT_TYPE = "application/pdf";
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;

    public S3TrayDocumentStore(S3Client client, S3Presigner presigner, String bucket) {
        if (bucket == null || bucket.isBlank()) throw new IllegalArgumentException("a bucket name is required");
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /**
     * The store with its own clients, configured like every Attimo client ({@link AwsClients}); with an endpoint
     * override (moto, a local S3) path-style addressing and dummy credentials, as such servers expect.
     */
    public static S3TrayDocumentStore create(String region, String endpoint, String bucket) {
        boolean overridden = endpoint != null && !endpoint.isBlank();
        S3Client client = AwsClients.build(S3Client.builder().forcePathStyle(overridden), region, endpoint);
        S3Presigner.Builder presigner = S3Presigner.builder()
                .region(Region.of(region == null || region.isBlank() ? AwsClients.DEFAULT_REGION : region));
        if (overridden) {
            presigner
                    .endpointOverride(URI.create(endpoint))
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(true)
                            .build())
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return new S3TrayDocumentStore(client, presigner.build(), bucket);
    }

    /** The object key of a tray's document. */
    static String key(String trayId) {
        if (trayId == null || trayId.isBlank() || trayId.contains("/")) {
            throw new IllegalArgumentException("not a tray id: " + trayId);
        }
        return "trays/" + trayId + "/document.pdf";
    }

    @Override
    public void put(String trayId, byte[] pdf) {
        try {
            client.putObject(
                    b -> b.bucket(bucket)
                            .key(key(trayId))
                            .contentType(CONTENT_TYPE)
                            .contentDisposition("inline; filename=\"documento.pdf\"")
                            .serverSideEncryption(ServerSideEncryption.AES256)
                            .ifNoneMatch("*"),
                    RequestBody.fromBytes(pdf));
        } catch (S3Exception e) {
            // already stored by an earlier attempt: the first document stays
            if (e.statusCode() != PRECONDITION_FAILED) throw e;
        }
    }

    @Override
    public Optional<byte[]> find(String trayId) {
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(key(trayId)))
                    .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** A presigned GET of the stored document; empty when there is none (nothing to link to). */
    @Override
    public Optional<URI> link(String trayId, Duration validFor) {
        String key = key(trayId);
        try {
            client.headObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw e;
        }
        return Optional.of(URI.create(presigner
                .presignGetObject(p -> p.signatureDuration(validFor)
                        .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentType(CONTENT_TYPE)))
                .url()
                .toString()));
    }
}
