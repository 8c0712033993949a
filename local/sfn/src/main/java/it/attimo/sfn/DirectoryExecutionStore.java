package it.attimo.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON file per execution in a directory, replaced atomically (write to a temp file, then rename) so a crash
 * leaves either the old or the new snapshot, never half of one.
 */
public final class DirectoryExecutionStore implements ExecutionStore {
    private final Path directory;

    public DirectoryExecutionStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void save(ExecutionSnapshot snapshot) {
        Path target = directory.resolve(fileName(snapshot.executionArn()));
        Path temp = directory.resolve(target.getFileName() + ".tmp");
        try {
            Files.writeString(temp, snapshot.json(), StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized List<ExecutionSnapshot> loadAll() {
        List<ExecutionSnapshot> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                String json = Files.readString(file, StandardCharsets.UTF_8);
                JsonNode node = Json.parse(json);
                all.add(new ExecutionSnapshot(
                        node.path("arn").asText(),
                        ExecutionStatus.valueOf(node.path("status").asText()),
                        json));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.sort((a, b) -> a.executionArn().compareTo(b.executionArn()));
        return all;
    }

    /** The file name for an execution: its ARN with unsafe characters replaced (ARNs contain ':'). */
    static String fileName(String executionArn) {
        return executionArn.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
    }
}
