package it.attimo.core.ingest;

/** The verdict on a request's signature; anything but {@link #VALID} is refused ({@link it.attimo.core.error.InvalidSignature}) and stores nothing. */
public enum SignatureCheck {
    VALID(null),
    MISSING("missing signature or timestamp header"),
    MALFORMED("signature or timestamp header is malformed"),
    STALE("timestamp is outside the 5-minute tolerance"),
    FORGED("signature does not match"),
    NOT_CONFIGURED("no secret is configured for this endpoint");

    private final String message;

    SignatureCheck(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    /**
     * Whether {@code timestampMillis} is within {@code toleranceMillis} of {@code nowMillis}, either side. Compared
     * without subtracting the two: {@code Math.abs(now - ts)} overflows for timestamps near Long.MIN_VALUE and
     * called one of them fresh.
     */
    static boolean fresh(long nowMillis, long timestampMillis, long toleranceMillis) {
        return timestampMillis >= nowMillis - toleranceMillis && timestampMillis <= nowMillis + toleranceMillis;
    }
}
