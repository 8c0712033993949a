package it.attimo.core.port;

import java.util.Optional;

/** The completed trays' PDFs (S3 or DynamoDB on AWS, DynamoDB Local locally). Written once per tray. */
public interface TrayDocumentStore {
    void put(String trayId, byte[] pdf);

    Optional<byte[]> find(String trayId);
}
