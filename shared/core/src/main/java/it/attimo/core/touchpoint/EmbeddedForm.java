package it.attimo.core.touchpoint;

import java.util.List;

/**
 * A first-party form a touchpoint injects into any page ({@code /forms/<formId>.js}): its public key (it identifies the
 * form, it is not a secret), the page origins allowed to post it, the event a submission becomes
 * ({@code form.completed} or {@code preferences.updated}), the fields, and submissions allowed per minute per client.
 */
public record EmbeddedForm(
        String formId, String key, List<String> origins, String event, List<Field> fields, int perMinute) {
    public EmbeddedForm {
        origins = List.copyOf(origins);
        fields = List.copyOf(fields);
    }

    /** A form field: {@code text}, {@code email}, {@code tel}, {@code checkbox} or {@code select} with options. */
    public record Field(String name, String label, String type, boolean required, List<String> options) {
        public Field {
            options = options == null ? List.of() : List.copyOf(options);
        }
    }
}
