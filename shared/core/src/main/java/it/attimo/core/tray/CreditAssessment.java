package it.attimo.core.tray;

/** A credit check's answer: {@code approved}, {@code review} or {@code refused}, why, and who answered. */
public record CreditAssessment(String outcome, String reason, String source) {
    public static final String APPROVED = "approved";
    public static final String REVIEW = "review";
    public static final String REFUSED = "refused";
}
