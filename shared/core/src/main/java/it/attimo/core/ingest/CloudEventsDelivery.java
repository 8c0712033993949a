package it.attimo.core.ingest;

/**
 * One delivery of CloudEvents by a client: the body exactly as signed, its declared content type and the two values
 * of the Attimo signature ({@link AttimoSignatureVerifier}). Any of them may be absent (null).
 */
public record CloudEventsDelivery(byte[] body, String contentType, String signatureTimestamp, String signature) {
    public CloudEventsDelivery {
        body = body == null ? new byte[0] : body;
    }
}
