package it.attimo.aws.sns;

import it.attimo.core.port.WebFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches SNS signing certificates and SubscribeURLs with the JDK's HTTP client: no redirects (a redirect could leave
 * the SNS host the core checked), short timeouts, at most {@link #MAX_BYTES}.
 */
public final class JdkWebFetcher implements WebFetcher {
    static final int MAX_BYTES = 64 * 1024;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    @Override
    public byte[] get(URI uri) {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new UncheckedIOException(
                            new IOException(uri.getHost() + " answered " + response.statusCode()));
                }
                byte[] body = in.readNBytes(MAX_BYTES + 1);
                if (body.length > MAX_BYTES) {
                    throw new UncheckedIOException(
                            new IOException(uri.getHost() + " sent more than " + MAX_BYTES + " bytes"));
                }
                return body;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
