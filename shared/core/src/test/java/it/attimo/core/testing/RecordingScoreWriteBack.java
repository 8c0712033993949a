package it.attimo.core.testing;

import it.attimo.core.port.ScoreWriteBack;
import java.util.ArrayList;
import java.util.List;

/** Records score write-backs; can be told to fail every call. */
public final class RecordingScoreWriteBack implements ScoreWriteBack {
    public record Published(String customerId, double score, String tier) {}

    private final List<Published> published = new ArrayList<>();
    private boolean failing;

    @Override
    public synchronized void publish(String customerId, double score, String tier) {
        if (failing) throw new IllegalStateException("CRM unavailable");
        published.add(new Published(customerId, score, tier));
    }

    public synchronized void failing(boolean fail) {
        failing = fail;
    }

    public synchronized List<Published> published() {
        return List.copyOf(published);
    }
}
