package it.attimo.tests.support;

import it.attimo.core.testing.SnsTestSigner;
import it.attimo.local.LocalStack;
import it.attimo.local.StackOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An in-memory local stack told to trust {@link SnsTestSigner}'s certificate ({@code attimo.sns.certificate-file}),
 * so a suite can post SNS notifications signed as AWS would sign them to the {@code /webhooks/*} routes.
 */
public final class SnsTrustingStack implements AutoCloseable {
    private static final String CERTIFICATE_PROPERTY = "attimo.sns.certificate-file";

    private final LocalStack stack;
    private final StackApi api;

    private SnsTrustingStack(LocalStack stack, String secret) {
        this.stack = stack;
        this.api = new StackApi(stack::baseUrl, secret);
    }

    /**
     * Writes the test certificate into {@code dir} and starts the project at {@code root} at {@code start} with this
     * signing secret.
     */
    public static SnsTrustingStack start(Path root, Path dir, Instant start, String secret) throws IOException {
        Path cert = dir.resolve("sns-test-cert.pem");
        Files.write(cert, SnsTestSigner.certificatePem());
        System.setProperty(CERTIFICATE_PROPERTY, cert.toString());
        return new SnsTrustingStack(LocalStack.start(StackOptions.inMemory(root, start, secret)), secret);
    }

    public StackApi api() {
        return api;
    }

    @Override
    public void close() {
        System.clearProperty(CERTIFICATE_PROPERTY);
        stack.close();
    }
}
