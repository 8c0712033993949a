package it.attimo.core.ingest;

/**
 * One webhook delivery from HubSpot: what its signatures cover (method, the full URL HubSpot called, the body exactly
 * as sent), the declared content type, and the signature values.
 */
public record HubSpotDelivery(String method, String url, byte[] body, String contentType, HubSpotSignature signature) {
    public HubSpotDelivery {
        body = body == null ? new byte[0] : body;
        signature = signature == null ? HubSpotSignature.NONE : signature;
    }
}
