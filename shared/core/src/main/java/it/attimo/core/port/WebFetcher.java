package it.attimo.core.port;

import java.net.URI;

/**
 * Fetches a document over HTTPS: an SNS signing certificate, or an SNS SubscribeURL (which confirms a subscription).
 * The caller has already decided the URL may be fetched; the adapter only fetches.
 */
public interface WebFetcher {
    /**
     * @return the response body of a 2xx answer
     * @throws java.io.UncheckedIOException when the document cannot be fetched (a transient failure: the sender retries)
     */
    byte[] get(URI uri);
}
