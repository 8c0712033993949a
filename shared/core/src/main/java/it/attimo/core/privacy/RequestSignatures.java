package it.attimo.core.privacy;

import it.attimo.core.error.InvalidSignature;
import it.attimo.core.ingest.AttimoSignatureVerifier;
import it.attimo.core.ingest.SignatureCheck;
import it.attimo.core.port.SecretProvider;
import java.time.Clock;
import java.util.logging.Logger;

/** The Attimo signature of a personal-data call (the secret of {@code POST /events}), judged on the wall clock. */
public final class RequestSignatures {
    private static final Logger LOG = Logger.getLogger(RequestSignatures.class.getName());
    private final SecretProvider secrets;
    private final AttimoSignatureVerifier verifier;

    public RequestSignatures(SecretProvider secrets, Clock wallClock) {
        this.secrets = secrets;
        this.verifier = new AttimoSignatureVerifier(wallClock);
    }

    /** @throws InvalidSignature when the call is not signed, stale or forged: nothing is read or changed */
    public void require(SignedCall call) {
        SignatureCheck check = verifier.verifyRequest(
                secrets.webhookSecret().orElse(null), call.timestamp(), call.signature(), call.method(), call.path());
        if (check != SignatureCheck.VALID) {
            LOG.info(() -> call.method() + " on a personal-data route refused: " + check);
            throw new InvalidSignature(check.message());
        }
    }
}
