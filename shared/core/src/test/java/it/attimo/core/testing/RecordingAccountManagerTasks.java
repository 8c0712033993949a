package it.attimo.core.testing;

import it.attimo.core.port.AccountManagerTasks;
import java.util.ArrayList;
import java.util.List;

public final class RecordingAccountManagerTasks implements AccountManagerTasks {
    public record Task(String customerId, String reason, String executionName) {}

    private final List<Task> opened = new ArrayList<>();

    @Override
    public synchronized void open(String customerId, String reason, String executionName) {
        opened.add(new Task(customerId, reason, executionName));
    }

    public synchronized List<Task> opened() {
        return List.copyOf(opened);
    }
}
