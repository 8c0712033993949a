package it.attimo.core.tray;

import java.util.List;

/** A tray template that cannot be used, with every problem found in it. */
public final class TrayTemplateException extends RuntimeException {
    private final List<String> problems;

    public TrayTemplateException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
