package it.attimo.core.error;

/** The body is not valid JSON; the whole body was kept in quarantine under {@link #quarantineId()}. */
public final class MalformedJson extends RequestRefused {
    public static final String CODE = "malformed_json";

    private final String quarantineId;

    /** @param message why, ending with the quarantine id so that a client can quote it */
    public MalformedJson(String message, String quarantineId) {
        super(CODE, message);
        this.quarantineId = quarantineId;
    }

    public String quarantineId() {
        return quarantineId;
    }
}
