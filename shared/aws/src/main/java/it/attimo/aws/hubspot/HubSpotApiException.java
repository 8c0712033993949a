package it.attimo.aws.hubspot;

/**
 * A HubSpot call that failed for good: a 4xx other than 429, or retries exhausted. Carries the status and HubSpot's
 * error category, never the response body (it can quote contact properties).
 */
public final class HubSpotApiException extends RuntimeException {
    private final int status;
    private final String category;

    public HubSpotApiException(String operation, int status, String category, Throwable cause) {
        super(operation + " failed: HTTP " + status + (category == null ? "" : " " + category), cause);
        this.status = status;
        this.category = category;
    }

    /** The HTTP status, or -1 when no response came back (I/O failure). */
    public int status() {
        return status;
    }

    public String category() {
        return category;
    }
}
