package it.attimo.core.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One delivery of CloudEvents by a client: the body exactly as signed, its declared content type, the two values of
 * the Attimo signature ({@link AttimoSignatureVerifier}) and the request's {@code ce-*} headers (names in lower case,
 * values as sent), which carry the attributes in the HTTP binding's binary mode. Any of them may be absent.
 */
public record CloudEventsDelivery(
        byte[] body,
        String contentType,
        String signatureTimestamp,
        String signature,
        Map<String, String> cloudEventHeaders) {
    public CloudEventsDelivery {
        body = body == null ? new byte[0] : body;
        TreeMap<String, String> headers = new TreeMap<>();
        if (cloudEventHeaders != null) {
            cloudEventHeaders.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        }
        cloudEventHeaders = headers;
    }

    /** A structured or batch delivery (no {@code ce-*} headers). */
    public CloudEventsDelivery(byte[] body, String contentType, String signatureTimestamp, String signature) {
        this(body, contentType, signatureTimestamp, signature, Map.of());
    }

    /** Binary mode: the {@code ce-specversion} header is there and the body is the event's data. */
    boolean binaryMode() {
        return cloudEventHeaders.containsKey(BinaryModeEvent.HEADER_PREFIX + "specversion");
    }
}
