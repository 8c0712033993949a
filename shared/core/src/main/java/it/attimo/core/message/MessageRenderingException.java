package it.attimo.core.message;

/**
 * A message cannot be rendered (no template for its step, no secret to sign its unsubscribe link). Retrying does not
 * help, so it is an {@link IllegalArgumentException}: the journey step fails as {@code Attimo.Rejected}. Its text
 * names the journey, step and channel, never the customer's data.
 */
public final class MessageRenderingException extends IllegalArgumentException {
    public MessageRenderingException(String message) {
        super(message);
    }

    public MessageRenderingException(String message, Throwable cause) {
        super(message, cause);
    }
}
