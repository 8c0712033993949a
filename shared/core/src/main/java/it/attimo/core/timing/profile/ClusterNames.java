package it.attimo.core.timing.profile;

import it.attimo.core.timing.HourOfWeek;

/**
 * Names a reading distribution for people, in Italian: dominant day(s) and part of day, e.g. "martedì mattina",
 * "feriali sera", "weekend mattina", "tutti i giorni pomeriggio".
 */
final class ClusterNames {
    private static final String[] DAYS = {"lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"};
    private static final String[] PARTS = {"notte", "mattina", "pomeriggio", "sera"};

    private ClusterNames() {}

    /** Parts: notte 00-06, mattina 06-12, pomeriggio 12-18, sera 18-24. */
    static String name(double[] reads) {
        double[] parts = new double[4];
        double[][] dayPart = new double[7][4];
        for (int h = 0; h < HourOfWeek.COUNT; h++) {
            int part = HourOfWeek.hour(h) / 6;
            parts[part] += reads[h];
            dayPart[h / 24][part] += reads[h];
        }
        int part = argmax(parts);
        double[] days = new double[7];
        double total = 0;
        for (int d = 0; d < 7; d++) {
            days[d] = dayPart[d][part];
            total += days[d];
        }
        int day = argmax(days);
        String when;
        double weekdays = days[0] + days[1] + days[2] + days[3] + days[4];
        if (days[day] / total > 0.30) when = DAYS[day];
        else if ((days[5] + days[6]) / total > 0.5) when = "weekend";
        else if (weekdays / total > 0.85) when = "feriali";
        else when = "tutti i giorni";
        return when + " " + PARTS[part];
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
