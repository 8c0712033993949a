package it.attimo.core.testing;

import it.attimo.core.port.TemporalModelStore;
import it.attimo.core.timing.profile.FittedModel;
import it.attimo.core.timing.profile.FittedModelJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps every saved model as its stored JSON, like the DynamoDB store, so reads go through the serialisation. */
public final class InMemoryTemporalModelStore implements TemporalModelStore {
    private final List<String> saved = new ArrayList<>();
    private int reads;

    @Override
    public synchronized void save(FittedModel model) {
        saved.add(FittedModelJson.write(model));
    }

    @Override
    public synchronized Optional<FittedModel> latest() {
        reads++;
        return saved.isEmpty() ? Optional.empty() : Optional.of(FittedModelJson.read(saved.get(saved.size() - 1)));
    }

    public synchronized int saves() {
        return saved.size();
    }

    public synchronized int reads() {
        return reads;
    }

    public synchronized String latestJson() {
        return saved.get(saved.size() - 1);
    }
}
