package it.attimo.core.geo;

import java.util.List;
import java.util.stream.Collectors;

/** A name that matches more than one comune: the message lists every candidate with its ISTAT code. */
public class AmbiguousComuneException extends IllegalArgumentException {
    private final List<Comune> candidates;

    public AmbiguousComuneException(String name, List<Comune> candidates) {
        super("comune name '" + name + "' is ambiguous, use the ISTAT code: "
                + candidates.stream()
                        .map(c -> c.istatCode() + " " + c.displayName() + " (" + c.provinceSigla() + ")")
                        .collect(Collectors.joining(", ")));
        this.candidates = List.copyOf(candidates);
    }

    public List<Comune> candidates() {
        return candidates;
    }
}
