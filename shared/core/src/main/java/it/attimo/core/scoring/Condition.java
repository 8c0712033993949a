package it.attimo.core.scoring;

import java.util.Map;
import java.util.Set;

/**
 * One compiled test on one field of an event's data. Built once at load; {@link #test} allocates nothing
 * for the common shapes (String / Number / Boolean values).
 */
final class Condition {

    enum Op {
        EQ,
        NE,
        IN,
        LT,
        LTE,
        GT,
        GTE,
        EXISTS
    }

    private final String field;
    private final Op op;
    private final String text; // EQ/NE on a string operand
    private final double number; // EQ/NE on a number operand, and comparisons
    private final Boolean bool; // EQ/NE on a boolean operand, EXISTS flag
    private final Set<String> texts; // IN: string members
    private final double[] numbers; // IN: numeric members

    private Condition(
            String field, Op op, String text, double number, Boolean bool, Set<String> texts, double[] numbers) {
        this.field = field;
        this.op = op;
        this.text = text;
        this.number = number;
        this.bool = bool;
        this.texts = texts;
        this.numbers = numbers;
    }

    static Condition equalsText(String field, Op op, String value) {
        return new Condition(field, op, value, 0, null, null, null);
    }

    static Condition equalsNumber(String field, Op op, double value) {
        return new Condition(field, op, null, value, null, null, null);
    }

    static Condition equalsBoolean(String field, Op op, boolean value) {
        return new Condition(field, op, null, 0, value, null, null);
    }

    static Condition compare(String field, Op op, double value) {
        return new Condition(field, op, null, value, null, null, null);
    }

    static Condition exists(String field, boolean present) {
        return new Condition(field, Op.EXISTS, null, 0, present, null, null);
    }

    static Condition in(String field, Set<String> texts, double[] numbers) {
        return new Condition(field, Op.IN, null, 0, null, Set.copyOf(texts), numbers.clone());
    }

    String field() {
        return field;
    }

    boolean test(Map<String, Object> data) {
        Object v = data.get(field);
        return switch (op) {
            case EXISTS -> (v != null) == bool;
            case EQ -> v != null && equalsOperand(v);
            case NE -> v == null || !equalsOperand(v);
            case IN -> v != null && inOperands(v);
            case LT -> {
                double d = numeric(v);
                yield d == d && d < number;
            }
            case LTE -> {
                double d = numeric(v);
                yield d == d && d <= number;
            }
            case GT -> {
                double d = numeric(v);
                yield d == d && d > number;
            }
            case GTE -> {
                double d = numeric(v);
                yield d == d && d >= number;
            }
        };
    }

    /** For numeric comparisons on a measured value (duration thresholds). */
    boolean testNumber(double d) {
        return switch (op) {
            case LT -> d < number;
            case LTE -> d <= number;
            case GT -> d > number;
            case GTE -> d >= number;
            case EQ -> d == number;
            case NE -> d != number;
            default -> false;
        };
    }

    /** The value of a number held directly or as numeric text; NaN when absent or not a number. */
    static double numeric(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private boolean equalsOperand(Object v) {
        if (text != null)
            return v instanceof String s
                    ? s.equals(text)
                    : !(v instanceof Map) && v.toString().equals(text);
        if (bool != null) {
            if (v instanceof Boolean b) return b.booleanValue() == bool.booleanValue();
            return v instanceof String s && s.equalsIgnoreCase(bool.toString());
        }
        double d = numeric(v);
        return d == number;
    }

    private boolean inOperands(Object v) {
        if (v instanceof String s && texts.contains(s)) return true;
        if (numbers.length > 0) {
            double d = numeric(v);
            for (double n : numbers) if (d == n) return true;
        }
        return v instanceof Number && !texts.isEmpty() && texts.contains(v.toString());
    }
}
