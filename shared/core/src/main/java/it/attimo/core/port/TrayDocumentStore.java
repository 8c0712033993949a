package it.attimo.core.port;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The completed trays' PDFs (S3 on AWS, DynamoDB Local locally). One document per tray, written when the tray
 * completes (a completed tray does not change again).
 */
public interface TrayDocumentStore {
    void put(String trayId, byte[] pdf);

    Optional<byte[]> find(String trayId);

    /**
     * A URL the party's browser may fetch the stored PDF from directly for {@code validFor}, where the store has one
     * (a presigned S3 GET); empty where the document is only served through {@link #find} (DynamoDB), or not stored.
     */
    default Optional<URI> link(String trayId, Duration validFor) {
        return Optional.empty();
    }
}
