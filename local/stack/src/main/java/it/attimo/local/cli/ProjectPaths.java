package it.attimo.local.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are: the caller's working directory (the launcher passes {@code -Dattimo.cwd} because it changes
 * directory to build) and the project home with template.yaml and statemachines/ ({@code -Dattimo.home}, else the
 * nearest ancestor of the working directory that has template.yaml).
 */
public final class ProjectPaths {
    private ProjectPaths() {}

    public static Path callerCwd() {
        String cwd = System.getProperty("attimo.cwd");
        return Path.of(cwd == null || cwd.isBlank() ? System.getProperty("user.dir") : cwd)
                .toAbsolutePath();
    }

    /** A path the user typed, relative to where they typed it. */
    public static Path userPath(String path) {
        return callerCwd().resolve(path).normalize();
    }

    public static Path home() {
        String home = System.getProperty("attimo.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        for (Path dir = callerCwd(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("statemachines"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Attimo project (template.yaml and statemachines/): run from "
                + "inside it or set -Dattimo.home");
    }
}
