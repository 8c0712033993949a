package it.attimo.core.experiment;

import java.time.Instant;

/**
 * The fixed-horizon reading of an experiment, recorded once and final: {@code winner-declared} (with the winning arm)
 * or {@code no-difference}, with the p-value of that reading.
 */
public record ExperimentDecision(String experimentId, String status, String winner, double pValue, Instant decidedAt) {
    public static final String WINNER_DECLARED = "winner-declared";
    public static final String NO_DIFFERENCE = "no-difference";

    public boolean hasWinner() {
        return WINNER_DECLARED.equals(status) && winner != null;
    }
}
