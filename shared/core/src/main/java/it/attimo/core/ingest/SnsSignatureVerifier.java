package it.attimo.core.ingest;

import it.attimo.core.error.InvalidSignature;
import it.attimo.core.port.WebFetcher;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Verifies the signature of an Amazon SNS message: SignatureVersion 1 (SHA1withRSA) or 2 (SHA256withRSA) over
 * {@link SnsMessage#stringToSign()}, with the certificate at SigningCertURL. That URL must be https on an SNS host
 * ({@code sns.<region>.amazonaws.com} or {@code .amazonaws.com.cn}) and is refused before anything is fetched. The
 * message's Timestamp must be within {@link #MAX_AGE} of the wall clock (SNS retries a delivery for at most an hour)
 * and at most {@link #MAX_SKEW} ahead of it. Certificates are fetched through a {@link WebFetcher} and cached by URL.
 */
public final class SnsSignatureVerifier {
    public static final Duration MAX_AGE = Duration.ofHours(1);
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
    private static final int CACHE_SIZE = 32;
    private static final Logger LOG = Logger.getLogger(SnsSignatureVerifier.class.getName());

    private final WebFetcher fetcher;
    private final Clock wallClock;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    public SnsSignatureVerifier(WebFetcher fetcher, Clock wallClock) {
        this.fetcher = fetcher;
        this.wallClock = wallClock;
    }

    /** Whether {@code url} is an https URL on an Amazon SNS host, with no user info and the default port. */
    public static boolean isSnsUrl(String url) {
        if (url == null) return false;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        return "https".equals(uri.getScheme())
                && uri.getRawUserInfo() == null
                && (uri.getPort() == -1 || uri.getPort() == 443)
                && uri.getHost() != null
                && SNS_HOST.matcher(uri.getHost()).matches();
    }

    /** @throws InvalidSignature naming why the message is not from SNS (and nothing of it may be used) */
    public void verify(SnsMessage message) {
        String algorithm = switch (message.signatureVersion()) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw refuse("SignatureVersion must be 1 or 2");
        };
        if (!isSnsUrl(message.signingCertUrl())) {
            throw refuse("SigningCertURL is not an https URL on an Amazon SNS host");
        }
        Instant sent;
        try {
            sent = Instant.parse(message.timestamp());
        } catch (DateTimeParseException e) {
            throw refuse("Timestamp is not an ISO-8601 instant");
        }
        Instant now = wallClock.instant();
        if (sent.isBefore(now.minus(MAX_AGE)) || sent.isAfter(now.plus(MAX_SKEW))) {
            throw refuse("Timestamp is more than " + MAX_AGE.toMinutes() + " minutes old or in the future");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(message.signature().trim());
        } catch (IllegalArgumentException e) {
            throw refuse("Signature is not Base64");
        }
        PublicKey key = key(message.signingCertUrl(), now);
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(message.stringToSign().getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(given)) throw refuse("signature does not match");
        } catch (GeneralSecurityException e) {
            throw refuse("signature does not match");
        }
    }

    private PublicKey key(String url, Instant now) {
        PublicKey cached = keys.get(url);
        if (cached != null) return cached;
        byte[] pem = fetcher.get(URI.create(url));
        X509Certificate cert;
        try {
            cert = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
            cert.checkValidity(Date.from(now));
        } catch (GeneralSecurityException | RuntimeException e) {
            LOG.info(() -> "SNS signing certificate refused: " + e.getClass().getSimpleName());
            throw refuse("the signing certificate is not a valid X.509 certificate");
        }
        if (keys.size() >= CACHE_SIZE) keys.clear();
        keys.put(url, cert.getPublicKey());
        return cert.getPublicKey();
    }

    private static InvalidSignature refuse(String why) {
        return new InvalidSignature("SNS message refused: " + why);
    }
}
