package it.attimo.sfn;

/** The callback side of {@code .waitForTaskToken}: what SendTaskSuccess/Failure/Heartbeat do. Only enqueues work. */
public interface TaskTokenCallbacks {
    void sendTaskSuccess(String taskToken, String outputJson);

    void sendTaskFailure(String taskToken, String error, String cause);

    void sendTaskHeartbeat(String taskToken);
}
