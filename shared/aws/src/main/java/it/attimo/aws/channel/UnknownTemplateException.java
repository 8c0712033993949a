package it.attimo.aws.channel;

/** No text exists for a message's template and tone. Retrying does not help; the catalogue needs the entry. */
public final class UnknownTemplateException extends IllegalArgumentException {
    public UnknownTemplateException(String message) {
        super(message);
    }
}
