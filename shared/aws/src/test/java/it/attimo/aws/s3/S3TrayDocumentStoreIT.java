package it.attimo.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.attimo.aws.config.AwsClients;
import it.attimo.aws.testing.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The tray PDFs' S3 store against a real S3 API (moto's server, started on a free loopback port; skipped with the
 * reason where python3 or moto is absent): what is stored, how (type, encryption), written once, and the presigned
 * link a browser follows.
 */
class S3TrayDocumentStoreIT {
    static final String BUCKET = "attimo-tray-documents-it";
    static MotoServer moto;
    static S3Client s3;
    static S3TrayDocumentStore store;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.startOrSkip();
        s3 = AwsClients.build(S3Client.builder().forcePathStyle(true), "eu-south-1", moto.endpoint());
        s3.createBucket(b -> b.bucket(BUCKET).createBucketConfiguration(c -> c.locationConstraint("eu-south-1")));
        store = S3TrayDocumentStore.create("eu-south-1", moto.endpoint(), BUCKET);
    }

    @AfterAll
    static void stop() {
        if (s3 != null) s3.close();
        if (moto != null) moto.close();
    }

    static byte[] pdf(String text) {
        return ("%PDF-1.7\n" + text + "\n%%EOF").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aCompletedPdfIsStoredEncryptedAsPdfUnderItsTrayAndReadBack() {
        store.put("tray-1", pdf("primo"));

        assertThat(store.find("tray-1")).hasValueSatisfying(b -> assertThat(b).isEqualTo(pdf("primo")));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("trays/tray-1/document.pdf"));
        assertThat(head.contentType()).isEqualTo("application/pdf");
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(store.find("tray-unknown")).isEmpty();
    }

    @Test
    void theFirstStoredDocumentStaysWhenACompletionIsRetried() {
        store.put("tray-2", pdf("first"));
        store.put("tray-2", pdf("second"));
        assertThat(store.find("tray-2")).hasValueSatisfying(b -> assertThat(b).isEqualTo(pdf("first")));
    }

    @Test
    void theLinkIsAShortLivedPresignedGetOfTheDocumentAndNoneWithoutADocument() throws Exception {
        store.put("tray-3", pdf("link"));

        Optional<URI> link = store.link("tray-3", Duration.ofMinutes(5));

        assertThat(link).isPresent();
        Map<String, java.util.List<String>> query = new java.util.HashMap<>();
        for (String pair : link.get().getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.computeIfAbsent(kv[0], k -> new java.util.ArrayList<>()).add(kv.length > 1 ? kv[1] : "");
        }
        assertThat(query).containsKeys("X-Amz-Signature", "X-Amz-Credential");
        assertThat(query.get("X-Amz-Expires")).containsExactly("300");
        HttpResponse<byte[]> got = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(link.get()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(pdf("link"));
        assertThat(got.headers().firstValue("Content-Type")).contains("application/pdf");

        assertThat(store.link("tray-unknown", Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void aTrayIdCannotReachAnotherKey() {
        assertThatThrownBy(() -> store.put("../x", pdf("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.find("")).isInstanceOf(IllegalArgumentException.class);
    }
}
