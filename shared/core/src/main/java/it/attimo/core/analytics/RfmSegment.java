package it.attimo.core.analytics;

/**
 * The named RFM segments, from the recency (R) and frequency (F) quintiles, with the monetary one (M) telling the
 * best from the merely loyal. Every (R, F) pair falls in exactly one segment; the rules are tried in this order.
 */
public enum RfmSegment {
    CAMPIONI("campioni", "Campioni", "Champions", "R≥4, F≥4, M≥4: comprano spesso, di recente e spendono molto"),
    FEDELI("fedeli", "Fedeli", "Loyal", "R≥3, F≥4: comprano con regolarità"),
    DA_NON_PERDERE("da-non-perdere", "Da non perdere", "Can't lose them", "R≤2, F≥4, M≥4: i migliori, ma fermi"),
    A_RISCHIO("a-rischio", "A rischio", "At risk", "R≤2, F≥3: compravano spesso, non più di recente"),
    POTENZIALI_FEDELI(
            "potenziali-fedeli", "Potenziali fedeli", "Potential loyalists", "R≥4, F 2-3: recenti, in crescita"),
    NUOVI("nuovi", "Nuovi", "New customers", "R=5, F=1: primo acquisto recentissimo"),
    PROMETTENTI("promettenti", "Promettenti", "Promising", "R=4, F=1: primo acquisto recente"),
    DA_COLTIVARE("da-coltivare", "Da coltivare", "Need attention", "R=3, F=3: nella media, da non lasciar raffreddare"),
    DA_RISVEGLIARE("da-risvegliare", "Da risvegliare", "About to sleep", "R=3, F≤2: si stanno raffreddando"),
    IN_LETARGO("in-letargo", "In letargo", "Hibernating", "R=2, F≤2: pochi acquisti, lontani"),
    PERSI("persi", "Persi", "Lost", "R=1, F≤2: pochi acquisti, i più lontani");

    private final String id;
    private final String italian;
    private final String english;
    private final String rule;

    RfmSegment(String id, String italian, String english, String rule) {
        this.id = id;
        this.italian = italian;
        this.english = english;
        this.rule = rule;
    }

    public String id() {
        return id;
    }

    public String italian() {
        return italian;
    }

    public String english() {
        return english;
    }

    public String rule() {
        return rule;
    }

    public static RfmSegment of(int r, int f, int m) {
        if (r >= 4 && f >= 4 && m >= 4) return CAMPIONI;
        if (r >= 3 && f >= 4) return FEDELI;
        if (r <= 2 && f >= 4 && m >= 4) return DA_NON_PERDERE;
        if (r <= 2 && f >= 3) return A_RISCHIO;
        if (r >= 4 && f >= 2) return POTENZIALI_FEDELI;
        if (r == 5) return NUOVI;
        if (r == 4) return PROMETTENTI;
        if (r == 3 && f == 3) return DA_COLTIVARE;
        if (r == 3) return DA_RISVEGLIARE;
        if (r == 2) return IN_LETARGO;
        return PERSI;
    }

    /** By id ("a-rischio"), enum name or Italian/English name, ignoring case; null when none matches. */
    public static RfmSegment find(String text) {
        if (text == null) return null;
        String t = text.trim();
        for (RfmSegment s : values()) {
            if (s.id.equalsIgnoreCase(t)
                    || s.name().equalsIgnoreCase(t)
                    || s.italian.equalsIgnoreCase(t)
                    || s.english.equalsIgnoreCase(t)) return s;
        }
        return null;
    }
}
