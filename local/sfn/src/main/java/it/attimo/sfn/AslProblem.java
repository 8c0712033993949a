package it.attimo.sfn;

/**
 * One thing wrong with a state machine definition.
 *
 * @param state the state's name, or {@code "(top)"} for the definition itself
 * @param location JSON-pointer-like location, e.g. {@code /States/Fork/Branches/0/States/Work/Next}
 * @param reason what is wrong, for a human
 */
public record AslProblem(String state, String location, String reason) {
    public static final String TOP = "(top)";

    @Override
    public String toString() {
        return state + " at " + location + ": " + reason;
    }
}
