package it.attimo.core.message;

import java.util.Map;

/**
 * A message as the customer receives it: {@code subject} and {@code html} for e-mail only (null otherwise),
 * {@code text} always (the e-mail's plain part, the SMS, the push body), {@code links} by name, the register it speaks
 * in ({@code formale} | {@code informale}), the coupon it carries and the experiment arm it belongs to, where any.
 */
public record RenderedMessage(
        String subject,
        String text,
        String html,
        Map<String, String> links,
        String tone,
        String coupon,
        ExperimentArm experiment) {
    public RenderedMessage {
        links = links == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(links));
    }

    /** The experiment and arm a message was sent under. */
    public record ExperimentArm(String id, String arm) {}

    @Override
    public String toString() {
        return "RenderedMessage[" + tone + ", " + links.keySet() + "]";
    }
}
