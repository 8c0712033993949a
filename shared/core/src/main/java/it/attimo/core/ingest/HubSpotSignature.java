package it.attimo.core.ingest;

/**
 * The signature values of a HubSpot request, any of them absent (null): v3 with its timestamp, or the legacy
 * signature with its version (v1 when absent). Header names in {@link HubSpotSignatureVerifier}.
 */
public record HubSpotSignature(String v3, String v3Timestamp, String legacy, String legacyVersion) {
    public static final HubSpotSignature NONE = new HubSpotSignature(null, null, null, null);
}
