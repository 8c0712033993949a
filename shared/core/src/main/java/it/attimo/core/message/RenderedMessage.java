package it.attimo.core.message;

import java.util.Map;

/**
 * A message as the customer receives it: {@code subject} and {@code html} for e-mail only (null otherwise),
 * {@code text} always (the e-mail's plain part, the SMS, the push body), {@code links} by name, the register it speaks
 * in ({@code formale} | {@code informale}), the coupon it carries and the experiment arm it belongs to, where any, and
 * the extra e-mail {@code headers} it goes with (a marketing or survey e-mail: {@code List-Unsubscribe} and {@code
 * List-Unsubscribe-Post}, RFC 8058).
 */
public record RenderedMessage(
        String subject,
        String text,
        String html,
        Map<String, String> links,
        String tone,
        String coupon,
        ExperimentArm experiment,
        Map<String, String> headers) {
    /** RFC 2369: where to unsubscribe, {@code <https://…/unsubscribe/{token}>}. */
    public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    /** RFC 8058: the unsubscribe link takes a one-click POST. */
    public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";

    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    public RenderedMessage {
        links = links == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(links));
        headers = headers == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    /** A message with no extra headers. */
    public RenderedMessage(
            String subject,
            String text,
            String html,
            Map<String, String> links,
            String tone,
            String coupon,
            ExperimentArm experiment) {
        this(subject, text, html, links, tone, coupon, experiment, Map.of());
    }

    /** The RFC 8058 headers of a message whose unsubscribe link is {@code unsubscribeUrl} (none when null). */
    public static Map<String, String> oneClickHeaders(String unsubscribeUrl) {
        if (unsubscribeUrl == null) return Map.of();
        Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put(LIST_UNSUBSCRIBE, "<" + unsubscribeUrl + ">");
        h.put(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
        return h;
    }

    /** The experiment and arm a message was sent under. */
    public record ExperimentArm(String id, String arm) {}

    @Override
    public String toString() {
        return "RenderedMessage[" + tone + ", " + links.keySet() + "]";
    }
}
