package it.attimo.core.journey;

/** The checks the step records share, with the messages the state machines' payload errors have always had. */
final class StepFields {
    private StepFields() {}

    static String required(String value, String field) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(field + " is required");
        return value;
    }

    static <T> T required(T value, String field) {
        if (value == null) throw new IllegalArgumentException(field + " is required");
        return value;
    }
}
