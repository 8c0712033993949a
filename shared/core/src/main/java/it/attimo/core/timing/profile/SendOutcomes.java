package it.attimo.core.timing.profile;

import it.attimo.core.timing.HourOfWeek;

/**
 * Uses our past sends as evidence, opened or not: a send at hour h that was not opened says the reads shortly after h
 * are rarer than the read-based score thinks. Beta-binomial per hour of week: the prior open rate at h is the
 * customer's read-based score rescaled to their overall open rate, {@code m(h) = rate · s(h) / mean s(past sends)}
 * (the overall rate itself shrunk toward the population's with 2 pseudo-sends); each past send j contributes with
 * weight {@code w_j · exp(-|h - h_j| / tau)} (sends close in time meet the same reads; |h - h_j| ≤ 12 h):
 * {@code rate(h) = (Σ w·opened + β·m(h)) / (Σ w + β)}. β (in sends) is chosen by leave-one-out likelihood of each
 * send's outcome.
 */
final class SendOutcomes {
    static final double[] STRENGTH_GRID = {0.5, 1, 2, 4, 8, 16, 64, 1e9};
    static final int REACH_HOURS = 12;
    private static final double RATE_PRIOR_SENDS = 2.0;

    private SendOutcomes() {}

    static double[] calibrate(double[] score, TemporalProfile p, double populationRate, double beta, double tau) {
        PriorRate prior = PriorRate.of(score, p, populationRate, -1, mean(score));
        double[] out = new double[HourOfWeek.COUNT];
        for (int h = 0; h < HourOfWeek.COUNT; h++) out[h] = rateAt(h, prior.at(h), p, beta, tau, -1);
        return out;
    }

    /** Sum over sends of the Bernoulli log-likelihood of their outcome, each predicted without itself. */
    static double looLogLikelihood(double[] score, TemporalProfile p, double populationRate, double beta, double tau) {
        double mean = mean(score);
        double ll = 0;
        for (int j = 0; j < p.sends(); j++) {
            int h = p.sendHours()[j];
            double r = rateAt(h, PriorRate.of(score, p, populationRate, j, mean).at(h), p, beta, tau, j);
            r = Math.min(0.999, Math.max(0.001, r));
            ll += p.sendOpened()[j] ? Math.log(r) : Math.log(1 - r);
        }
        return ll;
    }

    private static double mean(double[] score) {
        double mean = 0;
        for (double x : score) mean += x;
        return mean / score.length;
    }

    /** The prior open rate by hour: the read-based score rescaled to the customer's overall open rate. */
    private record PriorRate(double[] score, double rate, double reference) {
        static PriorRate of(double[] score, TemporalProfile p, double populationRate, int leaveOut, double mean) {
            double sent = 0, opened = 0, meanScore = 0;
            for (int j = 0; j < p.sends(); j++) {
                if (j == leaveOut) continue;
                double w = p.sendWeights()[j];
                sent += w;
                if (p.sendOpened()[j]) opened += w;
                meanScore += w * score[p.sendHours()[j]];
            }
            double rate = (opened + RATE_PRIOR_SENDS * populationRate) / (sent + RATE_PRIOR_SENDS);
            double reference = sent > 0 ? meanScore / sent : mean;
            if (reference <= 0) reference = mean;
            return new PriorRate(score, rate, reference);
        }

        double at(int h) {
            return Math.min(0.999, rate * score[h] / reference);
        }
    }

    private static double rateAt(int h, double prior, TemporalProfile p, double beta, double tau, int leaveOut) {
        double w = 0, o = 0;
        for (int j = 0; j < p.sends(); j++) {
            if (j == leaveOut) continue;
            int d = Math.abs(h - p.sendHours()[j]);
            d = Math.min(d, HourOfWeek.COUNT - d);
            if (d > REACH_HOURS) continue;
            double k = p.sendWeights()[j] * Math.exp(-d / tau);
            w += k;
            if (p.sendOpened()[j]) o += k;
        }
        return (o + beta * prior) / (w + beta);
    }
}
