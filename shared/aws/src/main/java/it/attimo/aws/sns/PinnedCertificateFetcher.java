package it.attimo.aws.sns;

import it.attimo.core.port.WebFetcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * The local stand-in for the web ({@code attimo.sns.certificate-file}): every signing-certificate URL answers with one
 * trusted PEM file (the stack never reaches the internet), and a SubscribeURL is recorded instead of called. Tests
 * sign SNS messages with the key of that certificate.
 */
public final class PinnedCertificateFetcher implements WebFetcher {
    private static final Logger LOG = Logger.getLogger(PinnedCertificateFetcher.class.getName());
    private final Path certificate;
    private final List<URI> confirmed = new CopyOnWriteArrayList<>();

    public PinnedCertificateFetcher(Path certificate) {
        this.certificate = certificate;
    }

    @Override
    public byte[] get(URI uri) {
        if (uri.getPath() != null && uri.getPath().endsWith(".pem")) {
            try {
                return Files.readAllBytes(certificate);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the pinned SNS certificate " + certificate, e);
            }
        }
        confirmed.add(uri);
        LOG.info(() -> "local stack: SNS SubscribeURL recorded, not called (" + uri.getHost() + ")");
        return new byte[0];
    }

    /** The SubscribeURLs "confirmed" so far. */
    public List<URI> confirmed() {
        return List.copyOf(confirmed);
    }
}
